import { action, makeObservable, observable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Listing, Page } from '../api/types'
import { CursorPages } from './cursor-pages'
import { PagedList } from './paged-list'
import { runInAction } from './run-in-action'

/* A list of listings the way the farmer's and the operator's pages need it: fetched fresh each
   time the page shows (a review may have happened meanwhile), paged by cursor, and one action
   at a time on an item (approve, reject, withdraw), whose answer replaces or removes the item. */
export class ListingPageStore extends PagedList<Listing> {
  /** The listing an action is running on: its buttons show busy, the others stay usable. */
  busyId: string | null = null
  actionError: ApiError | null = null
  protected readonly pages: CursorPages<Listing>

  constructor(fetchPage: (cursor?: string) => Promise<Page<Listing>>) {
    super()
    this.pages = new CursorPages(fetchPage, 'WorkList')
    makeObservable(this, { busyId: observable, actionError: observable, act: action.bound })
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
