import { makeAutoObservable } from 'mobx'
import type { ApiError } from '../api/api-error'
import { addChinaMonths, type ChinaMonth } from '../domain/china-time'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'

/* A statement read month by month (China calendar months, as the server books them): the cun
   xiao'er's commission, the county's subsidy report. It opens on this month and goes back
   freely, but never ahead: nothing is booked in a month still to come. */

export interface MonthStoreDeps<T> {
  fetchMonth(month: ChinaMonth): Promise<T>
  /** This month, China time. */
  thisMonth(): ChinaMonth
}

export class MonthStore<T> {
  month: ChinaMonth
  private readonly answer: LatestAnswer<T>

  constructor(
    private readonly deps: MonthStoreDeps<T>,
    /** For the actions' names in MobX's spy: applyCommissions, applySubsidyReport. */
    name = 'Statement',
  ) {
    this.month = deps.thisMonth()
    this.answer = new LatestAnswer<T>(name)
    makeAutoObservable<this, 'deps' | 'answer'>(this, { deps: false, answer: false }, { autoBind: true })
  }

  /** The shown month's statement, or null until it has come. */
  get value(): T | null {
    return this.answer.value
  }

  get status(): LoadStatus {
    return this.answer.status
  }

  get error(): ApiError | null {
    return this.answer.error
  }

  get canGoForward(): boolean {
    return this.month < this.deps.thisMonth()
  }

  /** Another month; the last one's figures go at once, so none is read as this month's. */
  showMonth(month: ChinaMonth): Promise<void> {
    if (month !== this.month) {
      this.month = month
      this.answer.replace(null)
    }
    return this.load()
  }

  previousMonth(): Promise<void> {
    return this.showMonth(addChinaMonths(this.month, -1))
  }

  nextMonth(): Promise<void> {
    return this.canGoForward ? this.showMonth(addChinaMonths(this.month, 1)) : Promise.resolve()
  }

  load(): Promise<void> {
    const month = this.month
    return this.answer.load(() => this.deps.fetchMonth(month))
  }
}
