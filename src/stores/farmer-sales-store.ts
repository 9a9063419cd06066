import { makeObservable, observable } from 'mobx'
import type { SalesRun, SalesView } from '../api/sales-types'
import { CursorPages } from './cursor-pages'
import { PagedList } from './paged-list'

/** A page of 我卖出的 as CursorPages reads it: its runs are the items. */
type SalesPage = SalesView & { items: SalesRun[] }

/* 我卖出的 as the page shows it: runs newest first, the next runs added on scrolling, the month
   totals of every month seen so far, and how many lines are still to hand in. Read afresh from
   the newest run each time the page shows: parcels move while she is away (the cun xiao'er
   collects, the county receives, a buyer cancels). */
export class FarmerSalesStore extends PagedList<SalesRun, SalesPage> {
  farmer: SalesView['farmer'] | null = null
  months: SalesView['months'] = []
  toHandIn = 0
  protected readonly pages: CursorPages<SalesRun, SalesPage>

  constructor(fetchPage: (cursor?: string) => Promise<SalesView>) {
    super()
    const salesPage = (view: SalesView): SalesPage => ({ ...view, items: view.runs })
    // A run is its date: one run a day, so older runs never repeat one already shown.
    this.pages = new CursorPages((cursor) => fetchPage(cursor).then(salesPage), 'Sales', (page, first) => this.applyTotals(page, first), (run) => run.date)
    makeObservable(this, { farmer: observable, months: observable, toHandIn: observable })
  }

  /** The runs newest first, older ones added on scrolling. */
  get runs(): SalesRun[] {
    return this.items
  }

  /** Runs inside the action that applies a page, so the totals change with the runs. */
  private applyTotals(page: SalesPage, first: boolean): void {
    this.toHandIn = page.toHandIn
    if (first) {
      this.farmer = page.farmer
      this.months = page.months
      return
    }
    // A month split across two pages comes with the same totals (the server sums the whole month).
    const months = new Map(this.months.map((m) => [m.month, m]))
    for (const month of page.months) months.set(month.month, month)
    this.months = [...months.values()].sort((a, b) => b.month.localeCompare(a.month))
  }

  /** Totals of the month a run belongs to, when that month has been read. */
  monthOf(run: SalesRun): SalesView['months'][number] | undefined {
    return this.months.find((m) => m.month === run.date.slice(0, 7))
  }
}
