import { action, makeObservable } from 'mobx'
import type { ApiError } from '../api/api-error'
import type { Page } from '../api/types'
import type { CursorPages } from './cursor-pages'
import type { LoadStatus } from './load-status'

/* What a page shows of a list paged by cursor (the farmer's listings, the review queue, the
   buyer's orders, 我卖出的): the items, whether more follow, how the last load went, and the
   two ways to ask. A store extends it with what it does to the items; its CursorPages does the
   paging. The getters stay plain: what they read is observable in CursorPages, so a page that
   reads them is told of every change. MobX's makeAutoObservable refuses a class with a
   superclass, so each store names its own members in makeObservable. */
export abstract class PagedList<T, P extends Page<T> = Page<T>> {
  protected abstract readonly pages: CursorPages<T, P>

  constructor() {
    // Bound, as makeAutoObservable's autoBind left them: a page may hand them on as they are.
    makeObservable(this, { load: action.bound, loadMore: action.bound })
  }

  get items(): T[] {
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

  /** From the first page again; what was shown stays until the answer comes. */
  load(): Promise<void> {
    return this.pages.load()
  }

  /** The next page, if there is one; a failure keeps what is shown, and scrolling again retries. */
  loadMore(): Promise<void> {
    return this.pages.loadMore()
  }
}
