import { makeAutoObservable } from 'mobx'
import { type ApiError, type Listing, type Page, toApiError } from '../api'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* A list of listings the way the farmer's and the operator's pages need it: fetched fresh each
   time the page shows (a review may have happened meanwhile), paged by cursor, and one action
   at a time on an item (approve, reject, withdraw), whose answer replaces or removes the item. */
export class ListingPageStore {
  items: Listing[] = []
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  /** The listing an action is running on: its buttons show busy, the others stay usable. */
  busyId: string | null = null
  actionError: ApiError | null = null
  private generation = 0

  constructor(private readonly fetchPage: (cursor?: string) => Promise<Page<Listing>>) {
    makeAutoObservable<this, 'fetchPage' | 'generation'>(this, { fetchPage: false, generation: false }, { autoBind: true })
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.items.length === 0
  }

  /** From the first page again. */
  async load(): Promise<void> {
    const generation = ++this.generation
    this.status = 'loading'
    this.error = null
    try {
      const page = await this.fetchPage()
      if (generation !== this.generation) return
      runInAction('applyWorkListPage', () => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.status = 'loaded'
      })
    } catch (error) {
      if (generation !== this.generation) return
      runInAction('applyWorkListFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  async loadMore(): Promise<void> {
    if (this.status !== 'loaded' || !this.nextCursor) return
    const generation = this.generation
    try {
      const page = await this.fetchPage(this.nextCursor)
      if (generation !== this.generation) return
      runInAction('applyWorkListMore', () => {
        const seen = new Set(this.items.map((item) => item.id))
        this.items = this.items.concat(page.items.filter((item) => !seen.has(item.id)))
        this.nextCursor = page.nextCursor
      })
    } catch {
      // The first page stands; scrolling again retries.
    }
  }

  /** Runs an action on one listing. `keep` says whether its answer stays in this list. */
  async act(id: string, action: () => Promise<Listing>, keep: (listing: Listing) => boolean): Promise<boolean> {
    if (this.busyId) return false
    this.busyId = id
    this.actionError = null
    try {
      const listing = await action()
      runInAction('applyWorkListAction', () => {
        this.items = keep(listing) ? this.items.map((item) => (item.id === id ? listing : item)) : this.items.filter((item) => item.id !== id)
        this.busyId = null
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('applyWorkListActionFailure', () => {
        this.actionError = apiError
        this.busyId = null
      })
      // Someone else (another operator, the farmer) changed it first: show what it is now.
      if (apiError.code === 'INVALID_TRANSITION' || apiError.status === 404) void this.load()
      return false
    }
  }
}
