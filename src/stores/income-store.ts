import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { MyPayouts, Payout, Statement, StatementLine, StatementLineKind } from '../api/income-types'
import type { ChinaMonth } from '../domain/china-time'
import { LatestAnswer } from './latest-answer'
import type { LoadStatus } from './load-status'
import { MonthStore } from './month-store'
import { runInAction } from './run-in-action'

/* 我的收入: a statement month by month (a farmer's, a cun xiao'er's commission, or a farmer's
   read by the cun xiao'er of her village) and the payee's own payouts, with the one thing a
   payee does here: accept a WeChat transfer waiting for her (wx.requestMerchantTransfer). A
   confirm that is cancelled or fails changes nothing on the server: the transfer keeps waiting
   (for 24 hours, WeChat's rule) and she can tap again. */

/** What wx.requestMerchantTransfer is opened with (WeChat Pay's 商家转账, 用户确认收款). */
export interface TransferToConfirm {
  mchId: string
  appId: string
  package: string
}

export interface IncomeDeps {
  fetchStatement(month: ChinaMonth): Promise<Statement>
  /** The payee's own payouts (or a farmer's, for her village's cun xiao'er); absent: none shown. */
  fetchPayouts?: () => Promise<MyPayouts>
  /** Opens WeChat's confirm sheet; null where there is none (H5). */
  confirmTransfer: ((transfer: TransferToConfirm) => Promise<'confirmed' | 'cancelled'>) | null
  /** This month, China time. */
  thisMonth(): ChinaMonth
}

/** 'unsupported': not in the mini-program, so nothing was opened. */
export type ConfirmStatus = 'idle' | 'confirming' | 'confirmed' | 'cancelled' | 'failed' | 'unsupported'

/** The order the kinds are shown in: what she earned, what was taken back, what was paid. */
export const STATEMENT_KIND_ORDER: readonly StatementLineKind[] = ['sale', 'commission', 'after_sale', 'refund', 'payout', 'payout_returned']

export interface StatementGroup {
  kind: StatementLineKind
  lines: StatementLine[]
  /** The month's total of this kind, as the server summed it. */
  totalFen: number
}

/** A statement's lines by kind, each group in time order; kinds with no line are left out. */
export function statementGroups(statement: Statement): StatementGroup[] {
  return STATEMENT_KIND_ORDER.map((kind) => ({ kind, lines: statement.lines.filter((line) => line.kind === kind), totalFen: statement.monthTotals[kind] })).filter(
    (group) => group.lines.length > 0,
  )
}

export class IncomeStore {
  readonly statement: MonthStore<Statement>
  confirmStatus: ConfirmStatus = 'idle'
  confirmError: ApiError | null = null
  /** Accepted in WeChat on this phone: the server may hear of it a moment later (WeChat Pay's
   *  notification), and meanwhile it is not offered again. */
  confirmedPayoutId: string | null = null
  private readonly payoutAnswer = new LatestAnswer<MyPayouts>('Payouts')

  constructor(private readonly deps: IncomeDeps) {
    this.statement = new MonthStore<Statement>({ fetchMonth: deps.fetchStatement, thisMonth: deps.thisMonth }, 'Statement')
    makeAutoObservable<this, 'deps' | 'payoutAnswer'>(this, { deps: false, payoutAnswer: false, statement: false }, { autoBind: true })
  }

  get payouts(): Payout[] {
    return this.payoutAnswer.value?.items ?? []
  }

  get payoutsStatus(): LoadStatus {
    return this.payoutAnswer.status
  }

  get payoutsError(): ApiError | null {
    return this.payoutAnswer.error
  }

  /** A transfer waiting for her in WeChat, if any; two runs' transfers are accepted one after the other. */
  get awaitingConfirmation(): Payout | null {
    return this.payouts.find((payout) => payout.status === 'awaiting_confirmation' && payout.packageInfo && payout.id !== this.confirmedPayoutId) ?? null
  }

  /** Whether this phone can open WeChat's confirm sheet at all (the mini-program, WeChat Pay set up). */
  get canConfirmHere(): boolean {
    const answer = this.payoutAnswer.value
    return Boolean(this.deps.confirmTransfer && answer?.mchId && answer.appId)
  }

  get groups(): StatementGroup[] {
    const value = this.statement.value
    return value ? statementGroups(value) : []
  }

  /** The shown month's statement and her payouts, afresh: money moves while she is away. */
  load(): Promise<void> {
    const fetchPayouts = this.deps.fetchPayouts
    return Promise.all([this.statement.load(), fetchPayouts ? this.payoutAnswer.load(fetchPayouts) : undefined]).then(() => undefined)
  }

  /** 确认收款: opens WeChat's sheet for the waiting transfer; once accepted, reads everything again. */
  async confirm(payout: Payout): Promise<void> {
    const answer = this.payoutAnswer.value
    if (this.confirmStatus === 'confirming') return
    if (!this.deps.confirmTransfer || !answer?.mchId || !answer.appId || !payout.packageInfo) {
      this.confirmStatus = 'unsupported'
      return
    }
    this.confirmStatus = 'confirming'
    this.confirmError = null
    let result: 'confirmed' | 'cancelled'
    try {
      result = await this.deps.confirmTransfer({ mchId: answer.mchId, appId: answer.appId, package: payout.packageInfo })
      runInAction('applyTransferConfirm', () => {
        this.confirmStatus = result
        if (result === 'confirmed') this.confirmedPayoutId = payout.id
      })
    } catch (error) {
      runInAction('applyTransferConfirmFailure', () => {
        this.confirmStatus = 'failed'
        this.confirmError = toApiError(error)
      })
      return
    }
    // WeChat Pay tells the server too (its notification); what the server now says is the truth.
    if (result === 'confirmed') await this.load()
  }
}
