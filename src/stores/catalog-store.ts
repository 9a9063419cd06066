import { makeAutoObservable } from 'mobx'
import { api, toApiError, type ApiError, type Listing } from '../api'
import type { Category } from '../domain/catalog'
import type { ListingStore } from './listing-store'
import type { LoadStatus } from './load-status'
import type { PlacesStore } from './places-store'
import { runInAction } from './run-in-action'

/* The catalog a buyer browses: a keyword, a category and a village narrow the county's live
   listings, which arrive a page at a time as the buyer scrolls. */

export const CATALOG_PAGE_SIZE = 20

export interface CatalogFilters {
  q: string
  category: Category | null
  villageId: string | null
}

export const NO_FILTERS: CatalogFilters = { q: '', category: null, villageId: null }

export class CatalogStore {
  filters: CatalogFilters = { ...NO_FILTERS }
  items: Listing[] = []
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  // Answers to an older query (the buyer typed on) must not land in the new one.
  private generation = 0

  constructor(
    private readonly places: PlacesStore,
    private readonly listings: ListingStore,
  ) {
    makeAutoObservable<this, 'places' | 'listings' | 'generation'>(
      this,
      { places: false, listings: false, generation: false },
      { autoBind: true },
    )
  }

  /** Not yet asked, a page still to come, or a failure to retry. */
  get canLoadMore(): boolean {
    return this.status === 'idle' || this.status === 'failed' || (this.status === 'loaded' && this.nextCursor !== null)
  }

  /** Everything there is has arrived. */
  get isComplete(): boolean {
    return this.status === 'loaded' && this.nextCursor === null
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.items.length === 0
  }

  get isFiltered(): boolean {
    const { q, category, villageId } = this.filters
    return q !== '' || category !== null || villageId !== null
  }

  /** Narrows (or widens) the catalog and starts again from its first page. */
  setFilters(change: Partial<CatalogFilters>): void {
    const next = { ...this.filters, ...change, q: (change.q ?? this.filters.q).trim() }
    const same = next.q === this.filters.q && next.category === this.filters.category && next.villageId === this.filters.villageId
    if (same && this.status !== 'failed') return
    this.filters = next
    this.reset()
    void this.loadMore()
  }

  /** The home page's shelves open the catalog on one category, with nothing else narrowing it. */
  showCategory(category: Category): void {
    this.setFilters({ ...NO_FILTERS, category })
  }

  reset(): void {
    this.generation += 1
    this.items = []
    this.nextCursor = null
    this.status = 'idle'
    this.error = null
  }

  /** The next page, if there is one; also the retry after a failure. */
  async loadMore(): Promise<void> {
    if (!this.canLoadMore) return
    const generation = this.generation
    const cursor = this.nextCursor ?? undefined
    this.status = 'loading'
    this.error = null
    try {
      const county = await this.places.ensureCounty()
      const { q, category, villageId } = this.filters
      const page = await api.listings({
        countyId: county.id,
        q: q || undefined,
        category: category ?? undefined,
        villageId: villageId ?? undefined,
        limit: CATALOG_PAGE_SIZE,
        cursor,
      })
      if (generation !== this.generation) return
      runInAction('applyCatalogPage', () => {
        this.items = this.items.concat(page.items)
        this.nextCursor = page.nextCursor
        this.listings.put(page.items)
        this.status = 'loaded'
      })
    } catch (error) {
      if (generation !== this.generation) return
      runInAction('applyCatalogFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }
}
