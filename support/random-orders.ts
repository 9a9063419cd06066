import { commissionReversalFor } from '../src/domain/after-sale'
import { lineCommissionFen } from '../src/domain/commission'
import type { OrderMoneyFacts } from '../src/domain/order-ledger'

/* An order's money facts from a few random choices: lines of some farmers, shipping and subsidy,
   when it was paid, how it ended (cancelled, picked up, settled, refunded before or after
   settlement) and its after-sale cases (the farmer's fault or the transport's). The domain's
   property tests draw the choices with fast-check; the generated month of the reconciliation's
   test and benchmark with a seeded random. Commission and its reversals by the domain's rules. */

export const ORDER_FATES = ['open', 'cancelled', 'picked_up', 'settled', 'refunded_after_pickup', 'refunded_after_settlement'] as const
export type OrderFate = (typeof ORDER_FATES)[number]

export interface RandomOrder {
  lines: Array<{ farmer: number; fen: number }>
  shippingFen: number
  capFen: number
  /** Hours after the month's start. */
  paidHour: number
  fate: OrderFate
  cases: Array<{ line: number; share: number; transport: boolean }>
}

export interface RandomCounty {
  countyId: string
  /** Each farmer with the cun xiao'er of her village. */
  farmers: ReadonlyArray<{ id: string; operatorId: string }>
  rateBp: number
  /** The instant hour 0 is, in ms. */
  start: number
}

export function randomOrderFacts(orderId: string, o: RandomOrder, county: RandomCounty): OrderMoneyFacts {
  const hour = (n: number) => new Date(county.start + n * 3600_000).toISOString()
  const farmerOf = (i: number) => county.farmers[i % county.farmers.length]
  const lines = o.lines.map((l, position) => ({ position, farmerId: farmerOf(l.farmer).id, lineTotalFen: l.fen }))
  const operatorOf = (position: number) => farmerOf(o.lines[position].farmer).operatorId
  const subsidyFen = Math.min(o.shippingFen, o.capFen)
  const goods = lines.reduce((s, l) => s + l.lineTotalFen, 0)
  const facts: OrderMoneyFacts = { orderId, countyId: county.countyId, lines, shippingFen: o.shippingFen, subsidyFen, totalFen: goods + o.shippingFen - subsidyFen, paidAt: hour(o.paidHour), commissions: [], refunds: [], settledAt: null }
  if (o.fate === 'open') return facts
  if (o.fate === 'cancelled') return { ...facts, refunds: [{ refundId: `rfd_${orderId}`, amountFen: facts.totalFen, at: hour(o.paidHour + 5), caseId: null }] }
  const pickedUp = hour(o.paidHour + 30)
  const commissions: OrderMoneyFacts['commissions'][number][] = lines.map((l) => ({ position: l.position, kind: 'credit' as const, caseId: '', operatorId: operatorOf(l.position), commissionFen: lineCommissionFen(l.lineTotalFen, county.rateBp), at: pickedUp }))
  const refunds: OrderMoneyFacts['refunds'][number][] = []
  const refunded = new Map<number, number>()
  let paymentLeft = facts.totalFen
  o.cases.forEach((c, k) => {
    const line = lines[c.line % lines.length]
    const before = refunded.get(line.position) ?? 0
    const left = Math.min(line.lineTotalFen - before, paymentLeft)
    if (left <= 0) return
    const amountFen = Math.max(1, Math.floor((left * c.share) / 100))
    const at = hour(o.paidHour + 31 + k)
    const caseId = `cas_${orderId}_${k}`
    if (!c.transport) {
      const credit = lineCommissionFen(line.lineTotalFen, county.rateBp)
      const back = commissionReversalFor(amountFen, before, line.lineTotalFen, credit)
      commissions.push({ position: line.position, kind: 'reversal', caseId, operatorId: operatorOf(line.position), commissionFen: back, at })
      refunded.set(line.position, before + amountFen)
    }
    refunds.push({ refundId: `rfd_${orderId}_${k}`, amountFen, at, caseId, position: line.position, fault: c.transport ? 'transport' : 'farmer' })
    paymentLeft -= amountFen
  })
  const settledAt = o.fate === 'picked_up' || o.fate === 'refunded_after_pickup' ? null : hour(o.paidHour + 60)
  if (o.fate === 'refunded_after_pickup' || o.fate === 'refunded_after_settlement') {
    const at = hour(o.paidHour + (o.fate === 'refunded_after_pickup' ? 40 : 80))
    // Staff refund what is left of the payment; the commission still credited on each line comes back with it.
    for (const l of lines) {
      const credit = lineCommissionFen(l.lineTotalFen, county.rateBp)
      const reversed = commissions.filter((c) => c.kind === 'reversal' && c.position === l.position).reduce((s, c) => s + c.commissionFen, 0)
      if (credit - reversed > 0) commissions.push({ position: l.position, kind: 'reversal', caseId: '', operatorId: operatorOf(l.position), commissionFen: credit - reversed, at })
    }
    if (paymentLeft > 0) refunds.push({ refundId: `rfd_${orderId}_all`, amountFen: paymentLeft, at, caseId: null })
  }
  return { ...facts, commissions, refunds, settledAt }
}
