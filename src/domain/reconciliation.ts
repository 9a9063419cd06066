/**
 * The county's monthly reconciliation: where the money received from buyers in a month went,
 * village by village, read from the ledger (ledger.ts) and proved to the fen.
 *
 * Every posting of a month is counted whole in one village, so each village's row balances on
 * its own (a posting sums to zero):
 *   - an order's posting (payment, commission, refund, after-sale refund, settlement) in the
 *     village of the farmer of the order's first line. A basket from two villages is counted in
 *     the first; its other farmer's share shows there too, and the row still balances;
 *   - a payout's posting (sent, paid, returned) in the village of its payee.
 *
 * The figures of a row, from the entries of the month's order postings (China time):
 *   receivedFen      money received from buyers: −buyer_payments (a payment, less a buyer's
 *                    second payment given straight back, which shows again in refunds)
 *   farmersShareFen  the change in what farmers are owed (pending + payable): their goods, less
 *                    commission and what after-sale refunds took from them
 *   commissionFen    the change in what the cun xiao'er are owed (pending + payable)
 *   shippingFen      the county's shipping: charged, less goods lost in transport it refunded
 *   subsidyFen       the subsidy the county claims from its fund: −county_subsidy_claim
 *   refundsFen       money given back to buyers
 * and the identity
 *   receivedFen = farmersShareFen + commissionFen + shippingFen − subsidyFen + refundsFen.
 * A settlement moves money from pending to payable and changes none of these.
 *
 * Payouts are not money received: they move what is owed out of payable, into flight and on to
 * the payee (or back), within one payout posting. So they stay out of the identity, and
 *   payoutsFen       money that reached the payees this month: the month's paid_out entries.
 *
 *   differenceFen    received − (farmers + commission + shipping − subsidy + refunds), plus any
 *                    order money on a payout account, plus whatever the month's payout postings
 *                    fail to sum to. Zero in a sound book; anything else is shown, never hidden.
 */
import type { AccountKind } from './ledger'

/** What a posting is about: an order's money, or a payout's. */
export type PostingSource = 'order' | 'payout'

/** The month's entries of one village, one source and one account, summed (a SQL GROUP BY). */
export interface VillageAccountSum {
  villageId: string
  source: PostingSource
  account: AccountKind
  amountFen: number
  /** How many of these entries are an order's payment (each payment has one buyer_payments entry). */
  payments: number
}

export interface ReconciliationFigures {
  orderCount: number
  receivedFen: number
  farmersShareFen: number
  commissionFen: number
  shippingFen: number
  subsidyFen: number
  refundsFen: number
  payoutsFen: number
  differenceFen: number
}

export interface ReconciliationRow extends ReconciliationFigures {
  /** Null on the totals row. */
  villageId: string | null
  villageName: string
}

export interface Reconciliation {
  totals: ReconciliationRow
  lines: ReconciliationRow[]
}

export const TOTALS_ROW_NAME = '合计'
/** The row of money whose village the ledger could not tell (villageId ''): shown, never dropped. */
export const UNKNOWN_VILLAGE_NAME = '未知村'

const ZERO: ReconciliationFigures = { orderCount: 0, receivedFen: 0, farmersShareFen: 0, commissionFen: 0, shippingFen: 0, subsidyFen: 0, refundsFen: 0, payoutsFen: 0, differenceFen: 0 }

/** Where an entry of an order's posting lands among the figures (with its sign). */
const ORDER_FIGURE: Readonly<Record<AccountKind, { figure: keyof ReconciliationFigures; sign: 1 | -1 } | null>> = {
  buyer_payments: { figure: 'receivedFen', sign: -1 },
  farmer_pending: { figure: 'farmersShareFen', sign: 1 },
  farmer_payable: { figure: 'farmersShareFen', sign: 1 },
  operator_pending: { figure: 'commissionFen', sign: 1 },
  operator_payable: { figure: 'commissionFen', sign: 1 },
  county_shipping: { figure: 'shippingFen', sign: 1 },
  county_subsidy_claim: { figure: 'subsidyFen', sign: -1 },
  refunds: { figure: 'refundsFen', sign: 1 },
  // Never in an order's posting: if it is, the book is broken and the difference says so.
  payouts_in_flight: null,
  paid_out: null,
}

/** The gap in the identity; zero when the figures came from whole postings. */
export function identityGap(f: ReconciliationFigures): number {
  return f.receivedFen - (f.farmersShareFen + f.commissionFen + f.shippingFen - f.subsidyFen + f.refundsFen)
}

/** One village's figures from its sums (all of one village). */
export function reconcileVillage(sums: readonly VillageAccountSum[]): ReconciliationFigures {
  const f = { ...ZERO }
  let stray = 0
  let payoutImbalance = 0
  for (const s of sums) {
    if (s.source === 'payout') {
      payoutImbalance += s.amountFen
      if (s.account === 'paid_out') f.payoutsFen += s.amountFen
      continue
    }
    f.orderCount += s.payments
    const where = ORDER_FIGURE[s.account]
    if (where) f[where.figure] += where.sign * s.amountFen
    else stray += s.amountFen
  }
  f.differenceFen = identityGap(f) - stray + payoutImbalance
  return f
}

/**
 * Rows for every village named (a village with no money in the month shows with zeros, so the
 * county sees it was counted), in the order given, plus a row for any village found in the sums
 * but not named; and the totals, which are the sum of the rows.
 */
export function reconcile(sums: readonly VillageAccountSum[], villages: ReadonlyArray<{ id: string; name: string }>): Reconciliation {
  const byVillage = new Map<string, VillageAccountSum[]>()
  for (const s of sums) byVillage.set(s.villageId, [...(byVillage.get(s.villageId) ?? []), s])
  const named = new Set(villages.map((v) => v.id))
  const unnamed = [...byVillage.keys()].filter((id) => !named.has(id)).sort()
  const lines: ReconciliationRow[] = [...villages, ...unnamed.map((id) => ({ id, name: id || UNKNOWN_VILLAGE_NAME }))].map((v) => ({
    villageId: v.id,
    villageName: v.name,
    ...reconcileVillage(byVillage.get(v.id) ?? []),
  }))
  const totals: ReconciliationRow = { villageId: null, villageName: TOTALS_ROW_NAME, ...ZERO }
  for (const line of lines) for (const key of Object.keys(ZERO) as Array<keyof ReconciliationFigures>) totals[key] += line[key]
  return { totals, lines }
}

export interface LedgerBalances {
  /** What the county's farmers and cun xiao'er are owed and may be paid (negative: a debt). */
  payableFen: number
  /** Their sales still inside the after-sale window. */
  pendingFen: number
  /** Payouts sent and not yet confirmed. */
  inFlightFen: number
}

/** The balances from the county's entries up to an instant, summed by account. */
export function ledgerBalances(byAccount: ReadonlyArray<{ account: AccountKind; amountFen: number }>): LedgerBalances {
  const sum = (accounts: AccountKind[]) => byAccount.filter((a) => accounts.includes(a.account)).reduce((total, a) => total + a.amountFen, 0)
  return {
    payableFen: sum(['farmer_payable', 'operator_payable']),
    pendingFen: sum(['farmer_pending', 'operator_pending']),
    inFlightFen: sum(['payouts_in_flight']),
  }
}
