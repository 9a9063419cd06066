import { makeAutoObservable } from 'mobx'
import { api, toApiError, type ApiError, type CategoryCounts, type Listing } from '../api'
import type { ListingStore } from './listing-store'
import type { LoadStatus } from './load-status'
import type { PlacesStore } from './places-store'
import { runInAction } from './run-in-action'

/* The county's storefront on the home page: its shelves (categories with their number of live
   listings) and what was listed last. */

export const NEWEST_COUNT = 10

export class StorefrontStore {
  counts: CategoryCounts | null = null
  newest: Listing[] = []
  status: LoadStatus = 'idle'
  error: ApiError | null = null

  constructor(
    private readonly places: PlacesStore,
    private readonly listings: ListingStore,
  ) {
    makeAutoObservable<this, 'places' | 'listings'>(this, { places: false, listings: false }, { autoBind: true })
  }

  async load(): Promise<void> {
    if (this.status === 'loading') return
    this.status = 'loading'
    this.error = null
    try {
      const county = await this.places.ensureCounty()
      const [counts, newest] = await Promise.all([
        api.listingCounts(county.id),
        api.listings({ countyId: county.id, limit: NEWEST_COUNT }),
      ])
      runInAction('applyStorefront', () => {
        this.counts = counts.counts
        this.newest = newest.items
        this.listings.put(newest.items)
        this.status = 'loaded'
      })
    } catch (error) {
      runInAction('applyStorefrontFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }
}
