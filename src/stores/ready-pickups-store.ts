import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { DeskOrder } from '../api/parcel-types'
import { parseOrderNumber } from '../domain/order-number'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* The orders waiting at the staff member's county center, the longest-waiting first: read afresh
   each time the page shows, since parcels arrive and buyers collect meanwhile. And one order of
   the center found by the short number a buyer reads out (1203-017), whatever its state: finding
   it never hands it over, which still takes the buyer's code. */

/** What a search by number came to: the order, none at this center, not a number, or a failure. */
export type NumberLookup = { kind: 'found'; order: DeskOrder } | { kind: 'not-found'; number: string } | { kind: 'format' } | { kind: 'failed'; error: ApiError }

export class ReadyPickupsStore {
  private readonly answer = new LatestAnswer<DeskOrder[]>('ReadyPickups')
  lookup: NumberLookup | null = null
  searching = false
  private searches = 0

  constructor(
    private readonly fetchReady: () => Promise<{ items: DeskOrder[] }>,
    private readonly fetchByNumber: (number: string) => Promise<{ items: DeskOrder[] }>,
  ) {
    makeAutoObservable<this, 'fetchReady' | 'fetchByNumber' | 'answer' | 'searches'>(this, { fetchReady: false, fetchByNumber: false, answer: false, searches: false }, { autoBind: true })
  }

  get items(): DeskOrder[] {
    return this.answer.value ?? []
  }

  get status(): LoadStatus {
    return this.answer.status
  }

  get error(): ApiError | null {
    return this.answer.error
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.items.length === 0
  }

  load(): Promise<void> {
    return this.answer.load(async () => (await this.fetchReady()).items)
  }

  /** The order with the number as typed (`1203-017`, `1203017`, spaces): only the latest search counts. */
  async findByNumber(typed: string): Promise<void> {
    const number = parseOrderNumber(typed)
    const search = ++this.searches
    if (!number) {
      this.lookup = { kind: 'format' }
      this.searching = false
      return
    }
    this.searching = true
    let lookup: NumberLookup
    try {
      const [order] = (await this.fetchByNumber(number)).items
      lookup = order ? { kind: 'found', order } : { kind: 'not-found', number }
    } catch (error) {
      const refusal = toApiError(error)
      lookup = refusal.code === 'NOT_FOUND' ? { kind: 'not-found', number } : { kind: 'failed', error: refusal }
    }
    if (search !== this.searches) return
    runInAction('applyNumberLookup', () => {
      this.lookup = lookup
      this.searching = false
    })
  }

  clearLookup(): void {
    this.searches++
    this.lookup = null
    this.searching = false
  }
}
