/**
 * One order's ledger, derived from its facts: what was paid, the commission credited and taken
 * back, the refunds made (a whole order's, or an after-sale case's), and whether its sale has
 * settled. Each posting has a key naming its event (`payment:ord_1`, `refund:rfd_2`), so the
 * server writes each one once, in the transaction of the event, and a ledger built later from
 * the same facts (the migration of orders older than the ledger) comes out the same.
 *
 * The events are replayed in time order because the stage matters: money taken back before the
 * sale settled comes out of pending, after it out of payable.
 */
import {
  assertBalanced,
  commissionCredited,
  commissionReversed,
  paymentReceived,
  refundTaken,
  saleSettled,
  type AccountKind,
  type LedgerEntry,
  type Posting,
  type ShareStage,
} from './ledger'
import type { Fen } from './money'

/** Who answers for goods refunded after sale: the farmer's goods, or the county's transport. */
export const CASE_FAULTS = ['farmer', 'transport'] as const
export type CaseFault = (typeof CASE_FAULTS)[number]

export interface OrderMoneyFacts {
  orderId: string
  countyId: string
  lines: ReadonlyArray<{ position: number; farmerId: string; lineTotalFen: Fen }>
  shippingFen: Fen
  subsidyFen: Fen
  totalFen: Fen
  /** When the payment succeeded; null for an order never paid (it has no money to write). */
  paidAt: string | null
  commissions: ReadonlyArray<{ position: number; kind: 'credit' | 'reversal'; caseId: string; operatorId: string; commissionFen: Fen; at: string }>
  /** Refunds that succeeded: the whole order's (caseId null) or a case's, with the case's line and fault. */
  refunds: ReadonlyArray<{ refundId: string; amountFen: Fen; at: string } & ({ caseId: null } | { caseId: string; position: number; fault: CaseFault })>
  /** When the sale settled (settlement.ts); null while it has not. */
  settledAt: string | null
  /** Payments that went through after the order was already paid (the buyer paid twice): they go straight back. */
  duplicatePayments?: ReadonlyArray<{ paymentId: string; amountFen: Fen; at: string }>
}

export interface KeyedPosting extends Posting {
  /** Unique over the whole ledger: the same event written twice is the same key. */
  key: string
  at: string
}

type Step = { at: string; rank: number; write: () => Posting }

/* Among events at the same instant: the payment first, then commission credited; a reversal
   before the refund it goes with, so the farmer's share is whole again when the refund takes it;
   settlement last. */
const RANK = { payment: 0, credit: 1, reversal: 2, refund: 3, settle: 4 } as const

export function orderLedger(facts: OrderMoneyFacts): KeyedPosting[] {
  const paidAt = facts.paidAt
  if (paidAt === null) return []
  const farmerOf = new Map(facts.lines.map((l) => [l.position, l.farmerId]))
  /** What this order holds on each farmer's and operator's account, by `account:holder`. */
  const holds = new Map<string, number>()
  let settled = false
  let credited = false
  const stage = (): ShareStage => (settled ? 'payable' : 'pending')

  const steps: Array<Step & { key: string }> = [
    { key: `payment:${facts.orderId}`, at: paidAt, rank: RANK.payment, write: () => paymentReceived({ countyId: facts.countyId, lines: facts.lines, shippingFen: facts.shippingFen, subsidyFen: facts.subsidyFen, totalFen: facts.totalFen }) },
  ]
  for (const c of facts.commissions) {
    const amount = { farmerId: farmerOf.get(c.position) ?? '', operatorId: c.operatorId, commissionFen: c.commissionFen }
    const key = `commission:${facts.orderId}:${c.position}:${c.kind}:${c.caseId}`
    if (c.kind === 'credit') steps.push({ key, at: c.at, rank: RANK.credit, write: () => ((credited = true), commissionCredited(amount)) })
    else steps.push({ key, at: c.at, rank: RANK.reversal, write: () => commissionReversed(amount, stage()) })
  }
  for (const r of facts.refunds) {
    const key = `refund:${r.refundId}`
    if (r.caseId === null) {
      steps.push({ key, at: r.at, rank: RANK.refund, write: () => wholeRefund(facts, r.amountFen, holds, !credited) })
    } else {
      const farmerId = farmerOf.get(r.position) ?? ''
      const bearer = r.fault === 'transport' ? { kind: 'county' as const, countyId: facts.countyId } : { kind: 'farmer' as const, farmerId, stage: stage() }
      steps.push({ key, at: r.at, rank: RANK.refund, write: () => refundTaken('after_sale_refund', r.amountFen, facts.countyId, bearer) })
    }
  }
  const settledAt = facts.settledAt
  if (settledAt !== null) {
    steps.push({
      key: `settle:${facts.orderId}`,
      at: settledAt,
      rank: RANK.settle,
      write: () => {
        settled = true
        return saleSettled({
          farmers: heldOn(holds, 'farmer_pending').map(([farmerId, amountFen]) => ({ farmerId, amountFen })),
          operators: heldOn(holds, 'operator_pending').map(([operatorId, amountFen]) => ({ operatorId, amountFen })),
        })
      },
    })
  }

  for (const d of facts.duplicatePayments ?? []) {
    // Money that came in and goes back out: it never was anyone's share.
    steps.push({
      key: `duplicate:${d.paymentId}`,
      at: d.at,
      rank: RANK.payment,
      write: () =>
        assertBalanced({
          event: 'order_refunded',
          entries: [
            { account: 'buyer_payments', holderId: facts.countyId, amountFen: -d.amountFen },
            { account: 'refunds', holderId: facts.countyId, amountFen: d.amountFen },
          ],
        }),
    })
  }

  const out: KeyedPosting[] = []
  for (const step of steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.rank - b.rank))) {
    const posting = step.write()
    for (const e of posting.entries) holds.set(`${e.account}:${e.holderId}`, (holds.get(`${e.account}:${e.holderId}`) ?? 0) + e.amountFen)
    if (posting.entries.length > 0) out.push({ ...posting, key: step.key, at: step.at })
  }
  return out
}

/** What the order holds on one kind of account, holder by holder (nothing where it holds nothing). */
function heldOn(holds: Map<string, number>, account: AccountKind): Array<[string, number]> {
  const prefix = `${account}:`
  return [...holds].filter(([key, fen]) => key.startsWith(prefix) && fen > 0).map(([key, fen]) => [key.slice(prefix.length), fen])
}

/**
 * The whole order's refund: each farmer gives back what the order holds for her, wherever it sits
 * (pending or payable), and the county the rest, from its shipping. A cancelled order (refunded
 * before any pickup) was never delivered, so its subsidy is no longer claimed either; an order
 * refunded after pickup was delivered, and the county keeps claiming the subsidy it gave.
 */
function wholeRefund(facts: OrderMoneyFacts, amountFen: Fen, holds: Map<string, number>, cancelled: boolean): Posting {
  const entries: LedgerEntry[] = [{ account: 'refunds', holderId: facts.countyId, amountFen }]
  let fromFarmers = 0
  for (const account of ['farmer_pending', 'farmer_payable'] as const) {
    for (const [farmerId, fen] of heldOn(holds, account)) {
      entries.push({ account, holderId: farmerId, amountFen: -fen })
      fromFarmers += fen
    }
  }
  const subsidyBack = cancelled ? facts.subsidyFen : 0
  if (subsidyBack > 0) entries.push({ account: 'county_subsidy_claim', holderId: facts.countyId, amountFen: subsidyBack })
  const fromCounty = amountFen - fromFarmers + subsidyBack
  if (fromCounty !== 0) entries.push({ account: 'county_shipping', holderId: facts.countyId, amountFen: -fromCounty })
  return assertBalanced({ event: 'order_refunded', entries })
}
