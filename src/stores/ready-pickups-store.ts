import { makeAutoObservable } from 'mobx'
import type { ApiError } from '../api/api-error'
import type { DeskOrder } from '../api/parcel-types'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'

/* The orders waiting at the staff member's county center, the longest-waiting first: read afresh
   each time the page shows, since parcels arrive and buyers collect meanwhile. */
export class ReadyPickupsStore {
  private readonly answer = new LatestAnswer<DeskOrder[]>('ReadyPickups')

  constructor(private readonly fetchReady: () => Promise<{ items: DeskOrder[] }>) {
    makeAutoObservable<this, 'fetchReady' | 'answer'>(this, { fetchReady: false, answer: false }, { autoBind: true })
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
}
