import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Reconciliation } from '../api/reconciliation-types'
import type { ChinaMonth } from '../domain/china-time'
import { countyStrings } from '../strings/county'
import { MonthStore } from './month-store'
import { runInAction } from './run-in-action'

/* The county's monthly reconciliation (月度对账): the figures, village by village, and the CSV
   the server wrote for the same month. Both are read when the month is shown, so that saving
   the file awaits nothing before WeChat's share sheet (which opens only within the tap) and
   saves the month the page shows. */

export interface ReconciliationMonth {
  figures: Reconciliation
  csv: string
}

export interface ReconciliationDeps {
  fetchFigures(month: ChinaMonth): Promise<Reconciliation>
  fetchCsv(month: ChinaMonth): Promise<string>
  thisMonth(): ChinaMonth
  saveFile(fileName: string, csv: string): Promise<'saved' | 'cancelled'>
}

// A spreadsheet reads CSV without a byte order mark in its local code page; reading it as text drops the mark.
const withByteOrderMark = (csv: string) => (csv.startsWith('\uFEFF') ? csv : '\uFEFF' + csv)

export class ReconciliationStore {
  readonly month: MonthStore<ReconciliationMonth>
  saving = false
  saveError: ApiError | null = null

  constructor(private readonly deps: ReconciliationDeps) {
    this.month = new MonthStore(
      {
        fetchMonth: async (month) => {
          const [figures, csv] = await Promise.all([deps.fetchFigures(month), deps.fetchCsv(month)])
          return { figures, csv }
        },
        thisMonth: deps.thisMonth,
      },
      'Reconciliation',
    )
    makeAutoObservable<this, 'deps'>(this, { deps: false, month: false }, { autoBind: true })
  }

  get figures(): Reconciliation | null {
    return this.month.value?.figures ?? null
  }

  /** Does every village (and the county) balance to the fen? */
  get balanced(): boolean {
    const figures = this.figures
    return figures !== null && figures.totals.differenceFen === 0 && figures.lines.every((line) => line.differenceFen === 0)
  }

  get fileName(): string {
    return countyStrings.reconciliation.fileName(this.month.month)
  }

  /** Saves the file of the month shown; true when saved. */
  async save(): Promise<boolean> {
    const csv = this.month.value?.csv ?? null
    if (csv === null || this.saving) return false
    this.saving = true
    this.saveError = null
    try {
      const outcome = await this.deps.saveFile(this.fileName, withByteOrderMark(csv))
      runInAction('reconciliationSaved', () => {
        this.saving = false
      })
      return outcome === 'saved'
    } catch (error) {
      runInAction('reconciliationSaveFailure', () => {
        this.saving = false
        this.saveError = toApiError(error)
      })
      return false
    }
  }
}
