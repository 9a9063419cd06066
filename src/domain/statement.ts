/**
 * A statement: what a farmer (or a cun xiao'er) is owed and was paid, read from her ledger
 * entries up to the month's end (so this month's balances are as of now, and a past month's as
 * it closed). The lines are that month's, in China time, each a change in
 * what she is owed, traceable to its order (or payout). Moving money from pending to payable is
 * not a change in what she is owed, so a settlement is no line; it shows in the balances.
 */
import { chinaMonth, type ChinaMonth } from './china-time'
import type { AccountKind, LedgerEvent } from './ledger'
import type { Fen } from './money'

export interface HolderEntry {
  postingId: string
  event: LedgerEvent
  account: AccountKind
  amountFen: number
  at: string
  orderId: string | null
  /** The order's short number people read (`1203-017`), when the entry is an order's. */
  orderNumber: string | null
  payoutId: string | null
}

export type StatementLineKind = 'sale' | 'commission' | 'after_sale' | 'refund' | 'payout' | 'payout_returned'

export interface StatementLine {
  at: string
  kind: StatementLineKind
  orderId: string | null
  orderNumber: string | null
  payoutId: string | null
  /** + what she is owed grew, − it shrank. */
  amountFen: number
}

export interface Statement {
  month: ChinaMonth
  /** Hers to be paid now. Negative: a refund after a payout, paid off by her next sales first. */
  payableFen: number
  /** Sales still inside the after-sale window. */
  pendingFen: Fen
  /** Payouts sent and not yet confirmed. */
  inFlightFen: Fen
  /** Everything paid out to her, ever. */
  paidOutFen: Fen
  /** The month's totals of the lines, by kind. */
  monthTotals: Record<StatementLineKind, number>
  lines: StatementLine[]
}

const OWED: ReadonlySet<AccountKind> = new Set(['farmer_pending', 'farmer_payable', 'operator_pending', 'operator_payable'])

const KIND_OF_EVENT: Readonly<Record<LedgerEvent, StatementLineKind | null>> = {
  payment_received: 'sale',
  commission_credited: 'commission',
  commission_reversed: 'commission',
  after_sale_refund: 'after_sale',
  order_refunded: 'refund',
  sale_settled: null,
  payout_sent: 'payout',
  payout_returned: 'payout_returned',
  payout_paid: null,
}

export function statementOf(entries: readonly HolderEntry[], month: ChinaMonth): Statement {
  const balance = (accounts: AccountKind[]) => entries.filter((e) => accounts.includes(e.account)).reduce((sum, e) => sum + e.amountFen, 0)
  const byPosting = new Map<string, StatementLine>()
  for (const e of entries) {
    const kind = KIND_OF_EVENT[e.event]
    if (!kind || !OWED.has(e.account) || chinaMonth(e.at) !== month) continue
    const line = byPosting.get(e.postingId) ?? { at: e.at, kind, orderId: e.orderId, orderNumber: e.orderNumber, payoutId: e.payoutId, amountFen: 0 }
    line.amountFen += e.amountFen
    byPosting.set(e.postingId, line)
  }
  const lines = [...byPosting.values()].filter((l) => l.amountFen !== 0).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  const totals: Record<StatementLineKind, number> = { sale: 0, commission: 0, after_sale: 0, refund: 0, payout: 0, payout_returned: 0 }
  for (const line of lines) totals[line.kind] += line.amountFen
  return {
    month,
    payableFen: balance(['farmer_payable', 'operator_payable']),
    pendingFen: balance(['farmer_pending', 'operator_pending']),
    inFlightFen: balance(['payouts_in_flight']),
    paidOutFen: balance(['paid_out']),
    monthTotals: totals,
    lines,
  }
}
