import { makeAutoObservable } from 'mobx'
import type { ApiError } from '../api/api-error'
import type { CommissionStatement } from '../api/parcel-types'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'

/* The cun xiao'er's commission, month by month (China calendar months, as the server books it):
   a line per order line picked up, a negative line when a picked-up order was refunded, and the
   month's total, all as the server computed them. */

/** 'YYYY-MM' moved by whole months: shiftMonth('2026-01', -1) is '2025-12'. */
export function shiftMonth(month: string, by: number): string {
  const [year, monthOfYear] = month.split('-').map(Number)
  const index = year * 12 + (monthOfYear - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export interface CommissionsDeps {
  commissions(month: string): Promise<CommissionStatement>
  /** This month, China time. */
  thisMonth(): string
}

export class CommissionsStore {
  month: string
  private readonly answer = new LatestAnswer<CommissionStatement>('Commissions')

  constructor(private readonly deps: CommissionsDeps) {
    this.month = deps.thisMonth()
    makeAutoObservable<this, 'deps' | 'answer'>(this, { deps: false, answer: false }, { autoBind: true })
  }

  get statement(): CommissionStatement | null {
    return this.answer.value
  }

  get status(): LoadStatus {
    return this.answer.status
  }

  get error(): ApiError | null {
    return this.answer.error
  }

  /** Nothing is credited ahead of time, so the months end at this one. */
  get canGoForward(): boolean {
    return this.month < this.deps.thisMonth()
  }

  showMonth(month: string): Promise<void> {
    if (month !== this.month) {
      this.month = month
      this.answer.replace(null)
    }
    return this.load()
  }

  previousMonth(): Promise<void> {
    return this.showMonth(shiftMonth(this.month, -1))
  }

  nextMonth(): Promise<void> {
    return this.canGoForward ? this.showMonth(shiftMonth(this.month, 1)) : Promise.resolve()
  }

  load(): Promise<void> {
    const month = this.month
    return this.answer.load(() => this.deps.commissions(month))
  }
}
