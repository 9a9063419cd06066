import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { SalesRun, SalesView } from '../api/sales-types'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* 我卖出的 as the page shows it: runs newest first, the next runs added on scrolling, the month
   totals of every month seen so far, and how many lines are still to hand in. Read afresh from
   the newest run each time the page shows: parcels move while she is away (the cun xiao'er
   collects, the county receives, a buyer cancels). */
export class FarmerSalesStore {
  farmer: SalesView['farmer'] | null = null
  runs: SalesRun[] = []
  months: SalesView['months'] = []
  toHandIn = 0
  nextCursor: string | null = null
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  private asked = 0

  constructor(private readonly fetchPage: (cursor?: string) => Promise<SalesView>) {
    makeAutoObservable<this, 'fetchPage' | 'asked'>(this, { fetchPage: false, asked: false }, { autoBind: true })
  }

  get isEmpty(): boolean {
    return this.status === 'loaded' && this.runs.length === 0
  }

  async load(): Promise<void> {
    const asked = ++this.asked
    this.status = 'loading'
    this.error = null
    try {
      const page = await this.fetchPage()
      if (asked !== this.asked) return
      runInAction('applySalesPage', () => {
        this.farmer = page.farmer
        this.runs = page.runs
        this.months = page.months
        this.toHandIn = page.toHandIn
        this.nextCursor = page.nextCursor
        this.status = 'loaded'
      })
    } catch (error) {
      if (asked !== this.asked) return
      runInAction('applySalesFailure', () => {
        this.error = toApiError(error)
        this.status = 'failed'
      })
    }
  }

  /** Older runs; a failure keeps what is shown, and scrolling again retries. */
  async loadMore(): Promise<void> {
    if (this.status !== 'loaded' || !this.nextCursor) return
    const asked = this.asked
    try {
      const page = await this.fetchPage(this.nextCursor)
      if (asked !== this.asked) return
      runInAction('applySalesMore', () => {
        const seen = new Set(this.runs.map((run) => run.date))
        this.runs = this.runs.concat(page.runs.filter((run) => !seen.has(run.date)))
        // A month split across two pages comes with the same totals (the server sums the whole month).
        const months = new Map(this.months.map((m) => [m.month, m]))
        for (const month of page.months) months.set(month.month, month)
        this.months = [...months.values()].sort((a, b) => b.month.localeCompare(a.month))
        this.toHandIn = page.toHandIn
        this.nextCursor = page.nextCursor
      })
    } catch {
      // The runs so far stand.
    }
  }

  /** Totals of the month a run belongs to, when that month has been read. */
  monthOf(run: SalesRun): SalesView['months'][number] | undefined {
    return this.months.find((m) => m.month === run.date.slice(0, 7))
  }
}
