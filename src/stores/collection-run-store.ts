import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Parcel } from '../api/order-types'
import type { ChinaDate } from '../domain/china-time'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* One day's collection run as a page shows it: the operator's village parcels, or the county's
   manifest. A parcel paid today travels on tomorrow's run (or the day after, past the 16:00
   cut-off), so the page can show any date, and each parcel takes one action (collected at the
   village, received at the county center) whose answer replaces it where it stands. */

export interface CollectionRunDeps<V> {
  fetchRun(date: ChinaDate): Promise<V>
  /** The run's view with this parcel as the server now has it. */
  withParcel(view: V, parcel: Parcel): V
  /** Today in China time: the run a page opens on. */
  today(): ChinaDate
}

export class CollectionRunStore<V> {
  date: ChinaDate
  /** The parcel an action is running on: its button shows busy, the others stay usable. */
  busyId: string | null = null
  actionError: ApiError | null = null
  private readonly answer = new LatestAnswer<V>('CollectionRun')

  constructor(private readonly deps: CollectionRunDeps<V>) {
    this.date = deps.today()
    makeAutoObservable<this, 'deps' | 'answer'>(this, { deps: false, answer: false }, { autoBind: true })
  }

  get view(): V | null {
    return this.answer.value
  }

  get status(): LoadStatus {
    return this.answer.status
  }

  get error(): ApiError | null {
    return this.answer.error
  }

  /** Another day's run; what was shown of the last one goes at once, so no parcel is taken for the wrong day. */
  showDate(date: ChinaDate): Promise<void> {
    if (date !== this.date) {
      this.date = date
      this.answer.replace(null)
      this.actionError = null
    }
    return this.load()
  }

  /** The run of `date` afresh: parcels move while the page is away (another phone, the county). */
  load(): Promise<void> {
    const date = this.date
    return this.answer.load(() => this.deps.fetchRun(date))
  }

  /** Runs collect or receive on one parcel; true when the server took it. */
  async act(parcelId: string, action: (id: string) => Promise<Parcel>): Promise<boolean> {
    if (this.busyId) return false
    this.busyId = parcelId
    this.actionError = null
    try {
      const parcel = await action(parcelId)
      runInAction('applyParcelMoved', () => {
        const view = this.answer.value
        if (view) this.answer.replace(this.deps.withParcel(view, parcel))
        this.busyId = null
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('applyParcelMoveFailure', () => {
        this.actionError = apiError
        this.busyId = null
      })
      // Taken in already (another phone) or no longer there (cancelled): show what it is now.
      if (apiError.code === 'INVALID_TRANSITION' || apiError.status === 404) void this.load()
      return false
    }
  }
}
