import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Page } from '../api/types'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

const idOf = (item: unknown) => (item as { id: string }).id

/* A list the server pages by cursor (API.md: {items, nextCursor}), as the work and order pages
   show it: read from the first page again each time the page shows (things change meanwhile),
   the next page added on scrolling without showing an item twice, and an answer to a reload
   that was overtaken by a newer one dropped. A page may carry more than its items (我卖出的's
   month totals): the store that wants it is told of each page. */
export class CursorPages<T, P extends Page<T> = Page<T>> {
  items: T[] = []
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  private asked = 0

  constructor(
    private readonly fetchPage: (cursor?: string) => Promise<P>,
    /** For the actions' names in MobX's spy: applyOrdersPage, applyOrdersMore. */
    private readonly name: string,
    /** Told of every page that arrives (`first` when the list starts again), for a store that keeps more than the list. */
    private readonly onPage: (page: P, first: boolean) => void = () => {},
    /** What makes two items the same one: the id, unless the items have none (a run is its date). */
    private readonly keyOf: (item: T) => string = idOf,
  ) {
    makeAutoObservable<this, 'fetchPage' | 'name' | 'onPage' | 'keyOf' | 'asked'>(
      this,
      { fetchPage: false, name: false, onPage: false, keyOf: false, asked: false },
      { autoBind: true },
    )
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.items.length === 0
  }

  /** From the first page again; what was shown stays until the answer comes. */
  async load(): Promise<void> {
    const asked = ++this.asked
    this.status = 'loading'
    this.error = null
    try {
      const page = await this.fetchPage()
      if (asked !== this.asked) return
      runInAction(`apply${this.name}Page`, () => {
        this.onPage(page, true)
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.status = 'loaded'
      })
    } catch (error) {
      if (asked !== this.asked) return
      runInAction(`apply${this.name}Failure`, () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  /** The next page, if there is one; a failure leaves the pages so far, and scrolling again retries. */
  async loadMore(): Promise<void> {
    if (this.status !== 'loaded' || !this.nextCursor) return
    const asked = this.asked
    try {
      const page = await this.fetchPage(this.nextCursor)
      if (asked !== this.asked) return
      runInAction(`apply${this.name}More`, () => {
        this.onPage(page, false)
        const seen = new Set(this.items.map((item) => this.keyOf(item)))
        this.items = this.items.concat(page.items.filter((item) => !seen.has(this.keyOf(item))))
        this.nextCursor = page.nextCursor
      })
    } catch {
      // The pages so far stand.
    }
  }

  /** An item as an action left it: replaced where it stands, or dropped from the list. */
  update(key: string, item: T | null): void {
    this.items = item ? this.items.map((each) => (this.keyOf(each) === key ? item : each)) : this.items.filter((each) => this.keyOf(each) !== key)
  }

  /** A new item (an order just placed) at the top of a list already shown. */
  prepend(item: T): void {
    if (this.status === 'loaded' && !this.items.some((each) => this.keyOf(each) === this.keyOf(item))) this.items = [item, ...this.items]
  }
}
