import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { AccountExport, OrderHoldingAccount } from '../api/account-types'
import { runInAction } from './run-in-action'

/* 注销账号 and 导出我的数据. The page asks for confirmation before calling deleteAccount. A deletion the server refuses says why, and the page shows it: the
   orders still under way by their number, or the money still to be paid out. A deletion done
   signs out at once (the server has already revoked every token). */

export interface AccountDeletionDeps {
  deleteAccount: () => Promise<void>
  exportData: () => Promise<AccountExport>
  /** Where the export goes: a download on H5, a file sent to a chat in the mini-program. */
  saveFile: (fileName: string, text: string, type?: string) => Promise<'saved' | 'cancelled'>
  /** Forgets the sign-in on this phone. */
  signOut: () => void
}

export type DeletionStatus = 'idle' | 'deleting' | 'deleted' | 'refused' | 'failed'

export interface OwedBalance {
  pendingFen: number
  payableFen: number
  inFlightFen: number
}

export interface ExportSummary {
  orders: number
  listings: number
  cases: number
  photos: number
  ledgerLines: number
  payouts: number
}

export const EXPORT_FILE_NAME = 'xiangji-my-data.json'

export class AccountDeletionStore {
  status: DeletionStatus = 'idle'
  /** Set when the server refused because of these orders (ACCOUNT_HAS_OPEN_ORDERS). */
  openOrders: OrderHoldingAccount[] = []
  /** Set when the server refused because money is still owed (ACCOUNT_HAS_BALANCE). */
  owed: OwedBalance | null = null
  error: ApiError | null = null

  exporting = false
  exportSummary: ExportSummary | null = null
  exportError: ApiError | null = null

  constructor(private readonly deps: AccountDeletionDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  get canDelete(): boolean {
    return this.status !== 'deleting' && this.status !== 'deleted'
  }

  async deleteAccount(): Promise<boolean> {
    if (!this.canDelete) return false
    this.status = 'deleting'
    this.error = null
    try {
      await this.deps.deleteAccount()
      runInAction('applyAccountDeleted', () => {
        this.status = 'deleted'
        this.openOrders = []
        this.owed = null
      })
      this.deps.signOut()
      return true
    } catch (raw) {
      const error = toApiError(raw)
      runInAction('applyAccountDeletionRefused', () => {
        this.error = error
        this.openOrders = error.code === 'ACCOUNT_HAS_OPEN_ORDERS' ? ((error.details?.orders as OrderHoldingAccount[] | undefined) ?? []) : []
        this.owed = error.code === 'ACCOUNT_HAS_BALANCE' ? readBalance(error.details) : null
        this.status = this.openOrders.length > 0 || this.owed ? 'refused' : 'failed'
      })
      return false
    }
  }

  async exportMyData(): Promise<void> {
    if (this.exporting) return
    this.exporting = true
    this.exportError = null
    try {
      const data = await this.deps.exportData()
      const summary: ExportSummary = {
        orders: data.orders.length,
        listings: data.listings.length,
        cases: data.cases.length,
        photos: data.photos.length,
        ledgerLines: data.ledger.length,
        payouts: data.payouts.length,
      }
      await this.deps.saveFile(EXPORT_FILE_NAME, JSON.stringify(data, null, 2), 'application/json;charset=utf-8')
      runInAction('applyExport', () => {
        this.exportSummary = summary
        this.exporting = false
      })
    } catch (raw) {
      runInAction('applyExportFailure', () => {
        this.exportError = toApiError(raw)
        this.exporting = false
      })
    }
  }
}

function readBalance(details: Record<string, unknown> | undefined): OwedBalance {
  const fen = (key: string) => (typeof details?.[key] === 'number' ? (details[key] as number) : 0)
  return { pendingFen: fen('pendingFen'), payableFen: fen('payableFen'), inFlightFen: fen('inFlightFen') }
}
