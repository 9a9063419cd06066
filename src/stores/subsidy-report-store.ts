import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import { countyStrings } from '../strings/county'
import { MonthStore } from './month-store'
import { runInAction } from './run-in-action'

/* The county's monthly subsidy claim (运费补贴月报): the server writes it as CSV, one row per
   order kept and a last row of totals. The page shows those totals, so the staff member sees
   what the claim says before sending it on, and saves exactly the text it showed. */

/** The totals row as the server wrote it, in yuan. */
export interface SubsidyTotals {
  orders: number
  goodsYuan: string
  shippingYuan: string
  subsidyYuan: string
  paidYuan: string
}

/** One CSV record: commas split fields, double quotes wrap a field, "" is a quote inside one. */
export function csvFields(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"'
      i++
    } else if (char === '"') {
      quoted = !quoted
    } else if (char === ',' && !quoted) {
      fields.push(field)
      field = ''
    } else {
      field += char
    }
  }
  fields.push(field)
  return fields
}

/** The report's last row (合计 N 单, month, '', goods, shipping, subsidy, paid); null for anything else. */
export function readSubsidyTotals(csv: string): SubsidyTotals | null {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length < 2) return null
  const [label, , , goodsYuan, shippingYuan, subsidyYuan, paidYuan] = csvFields(lines[lines.length - 1])
  const orders = /(\d+)/.exec(label ?? '')
  if (!orders || paidYuan === undefined) return null
  return { orders: Number(orders[1]), goodsYuan, shippingYuan, subsidyYuan, paidYuan }
}

// A spreadsheet on the county office's computer reads CSV without a byte order mark as its
// local code page: the Chinese headers would come out garbled. Reading it as text drops the mark.
const withByteOrderMark = (csv: string) => (csv.startsWith('\uFEFF') ? csv : '\uFEFF' + csv)

export interface SubsidyReportDeps {
  fetchCsv(month: string): Promise<string>
  thisMonth(): string
  /** Puts the file where the staff member can take it on: a download, or a WeChat chat. */
  saveFile(fileName: string, csv: string): Promise<'saved' | 'cancelled'>
}

export class SubsidyReportStore {
  readonly report: MonthStore<string>
  saving = false
  saveError: ApiError | null = null

  constructor(private readonly deps: SubsidyReportDeps) {
    this.report = new MonthStore({ fetchMonth: deps.fetchCsv, thisMonth: deps.thisMonth }, 'SubsidyReport')
    makeAutoObservable<this, 'deps'>(this, { deps: false, report: false }, { autoBind: true })
  }

  get totals(): SubsidyTotals | null {
    return this.report.value === null ? null : readSubsidyTotals(this.report.value)
  }

  get fileName(): string {
    return countyStrings.report.fileName(this.report.month)
  }

  /**
   * Saves the report shown (not a fresh one that could differ from what was read); true when
   * saved. Nothing is awaited before saveFile: WeChat opens its share sheet only within the tap.
   */
  async save(): Promise<boolean> {
    const csv = this.report.value
    if (csv === null || this.saving) return false
    this.saving = true
    this.saveError = null
    try {
      const outcome = await this.deps.saveFile(this.fileName, withByteOrderMark(csv))
      runInAction('subsidyReportSaved', () => {
        this.saving = false
      })
      return outcome === 'saved'
    } catch (error) {
      runInAction('subsidyReportSaveFailure', () => {
        this.saving = false
        this.saveError = toApiError(error)
      })
      return false
    }
  }
}
