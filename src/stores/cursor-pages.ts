import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Page } from '../api/types'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* A list the server pages by cursor (API.md: {items, nextCursor}), as the work and order pages
   show it: read from the first page again each time the page shows (things change meanwhile),
   the next page added on scrolling without showing an item twice, and an answer to a reload
   that was overtaken by a newer one dropped. */
export class CursorPages<T extends { id: string }> {
  items: T[] = []
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  private asked = 0

  constructor(
    private readonly fetchPage: (cursor?: string) => Promise<Page<T>>,
    /** For the actions' names in MobX's spy: applyOrdersPage, applyOrdersMore. */
    private readonly name: string,
    /** Told of every item that arrives, for a store that also keeps items by id. */
    private readonly onItems: (items: T[]) => void = () => {},
  ) {
    makeAutoObservable<this, 'fetchPage' | 'name' | 'onItems' | 'asked'>(this, { fetchPage: false, name: false, onItems: false, asked: false }, { autoBind: true })
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
        this.onItems(page.items)
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
        this.onItems(page.items)
        const seen = new Set(this.items.map((item) => item.id))
        this.items = this.items.concat(page.items.filter((item) => !seen.has(item.id)))
        this.nextCursor = page.nextCursor
      })
    } catch {
      // The pages so far stand.
    }
  }

  /** An item as an action left it: replaced where it stands, or dropped from the list. */
  update(id: string, item: T | null): void {
    this.items = item ? this.items.map((each) => (each.id === id ? item : each)) : this.items.filter((each) => each.id !== id)
  }

  /** A new item (an order just placed) at the top of a list already shown. */
  prepend(item: T): void {
    if (this.status === 'loaded' && !this.items.some((each) => each.id === item.id)) this.items = [item, ...this.items]
  }
}
