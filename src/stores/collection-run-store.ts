import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Parcel } from '../api/order-types'
import type { ChinaDate } from '../domain/china-time'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* One day's collection run as a page shows it: the operator's village parcels, or the county's
   manifest. The page opens on the run the server chooses (the next with parcels to fetch at the
   village, the earliest still on its way at the county: src/domain/default-run.ts), since "today"
   is the run that already left by the evening; any other day is a tap away. Each parcel takes one
   action at a time (collected, received, or that step undone within 10 minutes by whoever made
   it) whose answer replaces it where it stands. */

export interface CollectionRunDeps<V extends { date: ChinaDate }> {
  /** The run of `date`; without one, the run the server chooses, its date in the answer. */
  fetchRun(date: ChinaDate | undefined): Promise<V>
  /** The run's view with this parcel as the server now has it. */
  withParcel(view: V, parcel: Parcel): V
  /** Every parcel of the run, to know when the last 撤销 closes. */
  parcelsOf(view: V): readonly Parcel[]
  /** The time now, ISO UTC; tests pass a fake clock. */
  now?(): string
  /** Runs `tick` after `ms`; tests pass a fake timer. */
  setTimer?(tick: () => void, ms: number): void
}

// Refusals after which the run is read again, so the page shows what the parcel is now.
const STALE = new Set(['INVALID_TRANSITION', 'UNDO_REFUSED'])

export class CollectionRunStore<V extends { date: ChinaDate }> {
  /** Null until the server chose the run to open on. */
  date: ChinaDate | null = null
  /** The parcel an action is running on: its button shows busy, the others stay usable. */
  busyId: string | null = null
  actionError: ApiError | null = null
  /** The clock as the store last looked, so a 撤销 disappears when its 10 minutes are over. */
  now: string
  private readonly answer = new LatestAnswer<V>('CollectionRun')
  // When the timer already set will look again: one timer at a time, however often the run loads.
  private nextLook = 0

  constructor(private readonly deps: CollectionRunDeps<V>) {
    this.now = this.clock()
    makeAutoObservable<this, 'deps' | 'answer' | 'nextLook'>(this, { deps: false, answer: false, nextLook: false }, { autoBind: true })
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

  /** Whether this person may still undo their last step on the parcel (the server has the last word). */
  canUndo(parcel: Parcel): boolean {
    return parcel.undoUntil !== undefined && parcel.undoUntil > this.now
  }

  /** The page opened anew: the run the server says matters now, not the one shown last time. */
  openDefault(): Promise<void> {
    this.date = null
    this.answer.replace(null)
    this.actionError = null
    return this.load()
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

  /** The run shown afresh: parcels move while the page is away (another phone, the county). */
  async load(): Promise<void> {
    const date = this.date
    await this.answer.load(() => this.deps.fetchRun(date ?? undefined))
    runInAction('applyRunShown', () => {
      // Only if nobody picked a day meanwhile: LatestAnswer kept the answer to the latest question.
      if (this.date === null && this.answer.value) this.date = this.answer.value.date
      this.tick()
    })
  }

  /** Runs collect, receive or undo on one parcel; true when the server took it. */
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
        this.tick()
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('applyParcelMoveFailure', () => {
        this.actionError = apiError
        this.busyId = null
      })
      // Taken in already (another phone), moved on, or no longer there (cancelled): show what it is now.
      if (STALE.has(apiError.code) || apiError.status === 404) void this.load()
      return false
    }
  }

  /** Looks at the clock, and again when the next open 撤销 closes. */
  tick(): void {
    this.now = this.clock()
    const view = this.answer.value
    const open = view ? this.deps.parcelsOf(view).filter((p) => this.canUndo(p)).map((p) => Date.parse(p.undoUntil!)) : []
    if (open.length === 0) return
    const nowMs = Date.parse(this.now)
    const lookAt = Math.min(...open) + 50
    if (this.nextLook > nowMs && this.nextLook <= lookAt) return
    this.nextLook = lookAt
    ;(this.deps.setTimer ?? setTimeout)(() => this.tick(), lookAt - nowMs)
  }

  private clock(): string {
    return this.deps.now ? this.deps.now() : new Date().toISOString()
  }
}
