import { makeAutoObservable } from 'mobx'
import { api, toApiError, type ApiError, type Listing } from '../api'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* Listings by id. The catalog and the home page put what they fetched here, so opening a
   listing shows it at once (then refreshes stock and price) instead of a spinner on 3G. */

export class ListingStore {
  byId = new Map<string, Listing>()
  statusById = new Map<string, LoadStatus>()
  errorById = new Map<string, ApiError>()

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get(id: string): Listing | undefined {
    return this.byId.get(id)
  }

  statusOf(id: string): LoadStatus {
    return this.statusById.get(id) ?? 'idle'
  }

  errorOf(id: string): ApiError | undefined {
    return this.errorById.get(id)
  }

  put(listings: readonly Listing[]): void {
    for (const listing of listings) this.byId.set(listing.id, listing)
  }

  /** Fetches the listing fresh: stock changes while a buyer looks at it. */
  async load(id: string): Promise<void> {
    if (this.statusOf(id) === 'loading') return
    this.statusById.set(id, 'loading')
    this.errorById.delete(id)
    try {
      const listing = await api.listing(id)
      runInAction('applyListing', () => {
        this.byId.set(id, listing)
        this.statusById.set(id, 'loaded')
      })
    } catch (error) {
      runInAction('applyListingFailure', () => {
        const apiError = toApiError(error)
        // A listing withdrawn since it was cached must not stay on sale in the app.
        if (apiError.status === 404) this.byId.delete(id)
        this.errorById.set(id, apiError)
        this.statusById.set(id, 'failed')
      })
    }
  }
}
