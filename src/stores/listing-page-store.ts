import { makeAutoObservable } from 'mobx'
import { type ApiError, type Listing, type Page, toApiError } from '../api'
import { CursorPages } from './cursor-pages'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* A list of listings the way the farmer's and the operator's pages need it: fetched fresh each
   time the page shows (a review may have happened meanwhile), paged by cursor, and one action
   at a time on an item (approve, reject, withdraw), whose answer replaces or removes the item. */
export class ListingPageStore {
  /** The listing an action is running on: its buttons show busy, the others stay usable. */
  busyId: string | null = null
  actionError: ApiError | null = null
  private readonly pages: CursorPages<Listing>

  constructor(fetchPage: (cursor?: string) => Promise<Page<Listing>>) {
    this.pages = new CursorPages(fetchPage, 'WorkList')
    makeAutoObservable<this, 'pages'>(this, { pages: false }, { autoBind: true })
  }

  get items(): Listing[] {
    return this.pages.items
  }

  get nextCursor(): string | null {
    return this.pages.nextCursor
  }

  get status(): LoadStatus {
    return this.pages.status
  }

  get error(): ApiError | null {
    return this.pages.error
  }

  get isEmpty(): boolean {
    return this.pages.isEmpty
  }

  /** From the first page again. */
  load(): Promise<void> {
    return this.pages.load()
  }

  loadMore(): Promise<void> {
    return this.pages.loadMore()
  }

  /** Runs an action on one listing. `keep` says whether its answer stays in this list. */
  async act(id: string, action: () => Promise<Listing>, keep: (listing: Listing) => boolean): Promise<boolean> {
    if (this.busyId) return false
    this.busyId = id
    this.actionError = null
    try {
      const listing = await action()
      runInAction('applyWorkListAction', () => {
        this.pages.update(id, keep(listing) ? listing : null)
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
