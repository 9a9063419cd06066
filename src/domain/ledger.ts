/**
 * The ledger: every money event becomes entries on accounts, and each event's entries sum to
 * zero, so the books can be added up at any moment and must come to nothing. Amounts are signed
 * integer fen. The sign says where money is:
 *
 *   negative  money that came in from outside: buyers' payments, the county's subsidy claim
 *   positive  money held for someone (a farmer, a cun xiao'er, the county's shipping) or money
 *             that has left (refunds to buyers, payouts made)
 *
 * So Σ(all accounts) = 0 always, and "money received from buyers" (−buyer_payments) equals
 * farmers' share + commissions + shipping − subsidy + refunds + payouts, to the fen.
 *
 * A farmer's or an operator's money is first pending (the goods may still come back within the
 * after-sale window: settlement.ts), then payable, then in flight while a transfer is out, then
 * paid out. Who gets what is decided by pricing.ts and commission.ts; this module only writes it
 * down, and refuses entries that do not balance.
 */
import { DomainError } from './errors'
import { isFen, type Fen } from './money'

export const ACCOUNT_KINDS = [
  'buyer_payments',
  'county_subsidy_claim',
  'county_shipping',
  'farmer_pending',
  'farmer_payable',
  'operator_pending',
  'operator_payable',
  'payouts_in_flight',
  'paid_out',
  'refunds',
] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/** Whose account: a farmer's id, an operator's user id, a county's id. Pool accounts hold for a county. */
export interface LedgerEntry {
  account: AccountKind
  holderId: string
  amountFen: number
}

export const LEDGER_EVENTS = [
  'payment_received',
  'order_refunded',
  'commission_credited',
  'commission_reversed',
  'sale_settled',
  'after_sale_refund',
  'payout_sent',
  'payout_paid',
  'payout_returned',
] as const
export type LedgerEvent = (typeof LEDGER_EVENTS)[number]

export interface Posting {
  event: LedgerEvent
  entries: LedgerEntry[]
}

/**
 * Accounts whose balance can never go below zero: money held while a sale may still come back,
 * money on its way to a payee, and money that has left. Two kinds of account may: the county's
 * shipping, because the county answers for goods lost in transport from its own purse; and what
 * is payable to a farmer or a cun xiao'er, because staff may refund an order after its money was
 * paid out, which leaves a debt the next sales pay off first (a payout sends only a positive
 * balance: settlement.ts).
 */
export const NEVER_NEGATIVE: readonly AccountKind[] = ['farmer_pending', 'operator_pending', 'payouts_in_flight', 'paid_out', 'refunds']

/** Accounts that only ever hold money that came in: their balance is never above zero. */
export const NEVER_POSITIVE: readonly AccountKind[] = ['buyer_payments', 'county_subsidy_claim']

export function accountKey(entry: Pick<LedgerEntry, 'account' | 'holderId'>): string {
  return `${entry.account}:${entry.holderId}`
}

/** A posting is whole fen on each line, nothing zero, and adds up to nothing. */
export function assertBalanced(posting: Posting): Posting {
  let sum = 0
  for (const entry of posting.entries) {
    if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen === 0 || !entry.holderId) {
      throw new DomainError('ledger.invalid_entry', 'A ledger entry is a non-zero whole number of fen on a named account', { entry })
    }
    sum += entry.amountFen
  }
  if (sum !== 0 || posting.entries.length < 2) {
    throw new DomainError('ledger.unbalanced', `A ${posting.event} posting must sum to zero`, { sum, entries: posting.entries })
  }
  return posting
}

/** Balances by account key; entries that cancel leave a zero balance, kept so the key is known. */
export function balances(entries: Iterable<LedgerEntry>): Map<string, number> {
  const out = new Map<string, number>()
  for (const entry of entries) out.set(accountKey(entry), (out.get(accountKey(entry)) ?? 0) + entry.amountFen)
  return out
}

/** Builds a posting, merging lines on the same account and dropping those that come to zero. */
function post(event: LedgerEvent, lines: LedgerEntry[]): Posting {
  const merged = new Map<string, LedgerEntry>()
  for (const line of lines) {
    const key = accountKey(line)
    const prior = merged.get(key)
    merged.set(key, { ...line, amountFen: (prior?.amountFen ?? 0) + line.amountFen })
  }
  const entries = [...merged.values()].filter((e) => e.amountFen !== 0)
  // An event of zero fen (a free order cannot exist, but a 0 fen commission can) writes nothing.
  if (entries.length === 0) return { event, entries }
  return assertBalanced({ event, entries })
}

function fen(value: unknown, field: string): Fen {
  if (!isFen(value)) throw new DomainError('money.invalid_fen', `${field} must be a non-negative whole number of fen`, { field, value })
  return value
}

export interface PaidOrderMoney {
  countyId: string
  /** The goods of each line with its farmer; several lines of one farmer are summed. */
  lines: ReadonlyArray<{ farmerId: string; lineTotalFen: Fen }>
  shippingFen: Fen
  subsidyFen: Fen
  totalFen: Fen
}

function assertOrderMoney(order: PaidOrderMoney): void {
  const goods = order.lines.reduce((sum, line) => sum + fen(line.lineTotalFen, 'lineTotalFen'), 0)
  const total = goods + fen(order.shippingFen, 'shippingFen') - fen(order.subsidyFen, 'subsidyFen')
  if (total !== fen(order.totalFen, 'totalFen')) {
    throw new DomainError('ledger.unbalanced', 'An order total is its goods plus shipping less subsidy', { goods, total, order })
  }
}

/**
 * The buyer paid: the money is held for the farmers (goods, pending until the sale is settled)
 * and the county (shipping); the subsidy is the county's to claim back from the fund.
 */
export function paymentReceived(order: PaidOrderMoney): Posting {
  assertOrderMoney(order)
  return post('payment_received', [
    { account: 'buyer_payments', holderId: order.countyId, amountFen: -order.totalFen },
    { account: 'county_subsidy_claim', holderId: order.countyId, amountFen: -order.subsidyFen },
    { account: 'county_shipping', holderId: order.countyId, amountFen: order.shippingFen },
    ...order.lines.map((line) => ({ account: 'farmer_pending' as const, holderId: line.farmerId, amountFen: line.lineTotalFen })),
  ])
}

export type ShareStage = 'pending' | 'payable'

const farmerAccount = (stage: ShareStage): AccountKind => (stage === 'pending' ? 'farmer_pending' : 'farmer_payable')
const operatorAccount = (stage: ShareStage): AccountKind => (stage === 'pending' ? 'operator_pending' : 'operator_payable')

export interface CommissionMoney {
  farmerId: string
  operatorId: string
  commissionFen: Fen
}

/** At pickup the cun xiao'er's commission comes out of the farmer's share (commission.ts). */
export function commissionCredited(c: CommissionMoney): Posting {
  const amount = fen(c.commissionFen, 'commissionFen')
  return post('commission_credited', [
    { account: 'farmer_pending', holderId: c.farmerId, amountFen: -amount },
    { account: 'operator_pending', holderId: c.operatorId, amountFen: amount },
  ])
}

/** A refund after pickup gives the commission back to the farmer's share, at whatever stage both are. */
export function commissionReversed(c: CommissionMoney, stage: ShareStage): Posting {
  const amount = fen(c.commissionFen, 'commissionFen')
  return post('commission_reversed', [
    { account: operatorAccount(stage), holderId: c.operatorId, amountFen: -amount },
    { account: farmerAccount(stage), holderId: c.farmerId, amountFen: amount },
  ])
}

export interface SettledSale {
  /** What is left of each farmer's share of the order after commission and after-sale refunds. */
  farmers: ReadonlyArray<{ farmerId: string; amountFen: Fen }>
  operators: ReadonlyArray<{ operatorId: string; amountFen: Fen }>
}

/** The after-sale window closed with no open case: pending becomes payable (settlement.ts). */
export function saleSettled(sale: SettledSale): Posting {
  return post('sale_settled', [
    ...sale.farmers.flatMap((f) => move('farmer_pending', 'farmer_payable', f.farmerId, fen(f.amountFen, 'amountFen'))),
    ...sale.operators.flatMap((o) => move('operator_pending', 'operator_payable', o.operatorId, fen(o.amountFen, 'amountFen'))),
  ])
}

const move = (from: AccountKind, to: AccountKind, holderId: string, amountFen: Fen): LedgerEntry[] => [
  { account: from, holderId, amountFen: -amountFen },
  { account: to, holderId, amountFen },
]

/** Who answers for goods refunded after sale: the farmer, or the county when the fault was in transport. */
export type RefundBearer = { kind: 'farmer'; farmerId: string; stage: ShareStage } | { kind: 'county'; countyId: string }

/** Money back to a buyer for one problem: out of the bearer's share. */
export function refundTaken(event: 'after_sale_refund' | 'order_refunded', amountFen: Fen, countyId: string, bearer: RefundBearer): Posting {
  const amount = fen(amountFen, 'amountFen')
  const from: LedgerEntry =
    bearer.kind === 'farmer'
      ? { account: farmerAccount(bearer.stage), holderId: bearer.farmerId, amountFen: -amount }
      : { account: 'county_shipping', holderId: bearer.countyId, amountFen: -amount }
  return post(event, [from, { account: 'refunds', holderId: countyId, amountFen: amount }])
}

export type PayeeKind = 'farmer' | 'operator'

export interface PayoutMoney {
  payeeKind: PayeeKind
  payeeId: string
  amountFen: Fen
}

const payable = (kind: PayeeKind): AccountKind => (kind === 'farmer' ? 'farmer_payable' : 'operator_payable')

/** A transfer is out (or a cash payout is being recorded): the money is no longer payable. */
export function payoutSent(p: PayoutMoney): Posting {
  return post('payout_sent', move(payable(p.payeeKind), 'payouts_in_flight', p.payeeId, fen(p.amountFen, 'amountFen')))
}

/** The payee has the money. */
export function payoutPaid(p: PayoutMoney): Posting {
  return post('payout_paid', move('payouts_in_flight', 'paid_out', p.payeeId, fen(p.amountFen, 'amountFen')))
}

/** The transfer failed or was not confirmed in time: the amount is payable again. */
export function payoutReturned(p: PayoutMoney): Posting {
  return post('payout_returned', move('payouts_in_flight', payable(p.payeeKind), p.payeeId, fen(p.amountFen, 'amountFen')))
}
