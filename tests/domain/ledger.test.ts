import fc from 'fast-check'
import { commissionReversalFor } from '../../src/domain/after-sale'
import { lineCommissionFen } from '../../src/domain/commission'
import {
  accountKey,
  assertBalanced,
  balances,
  commissionCredited,
  commissionReversed,
  NEVER_NEGATIVE,
  NEVER_POSITIVE,
  orderRefunded,
  payoutPaid,
  payoutReturned,
  payoutSent,
  paymentReceived,
  refundTaken,
  saleSettled,
  type AccountKind,
  type LedgerEntry,
  type PaidOrderMoney,
  type Posting,
} from '../../src/domain/ledger'
import { payoutAmountFen } from '../../src/domain/settlement'

const order: PaidOrderMoney = {
  countyId: 'cty_1',
  lines: [
    { farmerId: 'far_a', lineTotalFen: 3800 },
    { farmerId: 'far_b', lineTotalFen: 1200 },
    { farmerId: 'far_a', lineTotalFen: 500 },
  ],
  shippingFen: 1600,
  subsidyFen: 1000,
  totalFen: 6100,
}

const amounts = (p: Posting) => Object.fromEntries(p.entries.map((e) => [accountKey(e), e.amountFen]))
const sum = (p: Posting) => p.entries.reduce((s, e) => s + e.amountFen, 0)

describe('postings', () => {
  it('a payment holds the goods for each farmer and the shipping for the county; the subsidy is claimed', () => {
    const p = paymentReceived(order)
    expect(amounts(p)).toEqual({
      'buyer_payments:cty_1': -6100,
      'county_subsidy_claim:cty_1': -1000,
      'county_shipping:cty_1': 1600,
      'farmer_pending:far_a': 4300,
      'farmer_pending:far_b': 1200,
    })
    expect(sum(p)).toBe(0)
  })

  it('a payment whose total is not goods + shipping − subsidy is refused', () => {
    expect(() => paymentReceived({ ...order, totalFen: 6101 })).toThrow(expect.objectContaining({ code: 'ledger.unbalanced' }))
    expect(() => paymentReceived({ ...order, shippingFen: -1 })).toThrow(expect.objectContaining({ code: 'money.invalid_fen' }))
  })

  it('a whole refund is the exact reverse of the payment, the money leaving as a refund', () => {
    const all = balances([...paymentReceived(order).entries, ...orderRefunded(order).entries])
    expect(all.get('refunds:cty_1')).toBe(6100)
    expect(all.get('buyer_payments:cty_1')).toBe(-6100)
    for (const [key, fen] of all) if (!key.startsWith('refunds') && !key.startsWith('buyer_payments')) expect(fen).toBe(0)
  })

  it('commission moves from the farmer to the cun xiao’er and back, at either stage', () => {
    const c = { farmerId: 'far_a', operatorId: 'usr_op', commissionFen: 215 }
    expect(amounts(commissionCredited(c))).toEqual({ 'farmer_pending:far_a': -215, 'operator_pending:usr_op': 215 })
    expect(amounts(commissionReversed(c, 'payable'))).toEqual({ 'farmer_payable:far_a': 215, 'operator_payable:usr_op': -215 })
  })

  it('a refund is taken from the farmer’s share, or from the county when transport was at fault', () => {
    expect(amounts(refundTaken('after_sale_refund', 300, 'cty_1', { kind: 'farmer', farmerId: 'far_a', stage: 'pending' }))).toEqual({
      'farmer_pending:far_a': -300,
      'refunds:cty_1': 300,
    })
    expect(amounts(refundTaken('after_sale_refund', 300, 'cty_1', { kind: 'county', countyId: 'cty_1' }))).toEqual({
      'county_shipping:cty_1': -300,
      'refunds:cty_1': 300,
    })
  })

  it('a payout goes out, then is paid or comes back as payable', () => {
    const p = { payeeKind: 'farmer' as const, payeeId: 'far_a', amountFen: 4000 }
    expect(amounts(payoutSent(p))).toEqual({ 'farmer_payable:far_a': -4000, 'payouts_in_flight:far_a': 4000 })
    expect(amounts(payoutPaid(p))).toEqual({ 'payouts_in_flight:far_a': -4000, 'paid_out:far_a': 4000 })
    expect(amounts(payoutReturned({ ...p, payeeKind: 'operator' }))).toEqual({ 'payouts_in_flight:far_a': -4000, 'operator_payable:far_a': 4000 })
  })

  it('a zero commission writes nothing; a posting that does not add up is refused', () => {
    expect(commissionCredited({ farmerId: 'far_a', operatorId: 'usr_op', commissionFen: 0 }).entries).toEqual([])
    const lopsided: LedgerEntry[] = [
      { account: 'refunds', holderId: 'cty_1', amountFen: 5 },
      { account: 'farmer_pending', holderId: 'far_a', amountFen: -4 },
    ]
    expect(() => assertBalanced({ event: 'after_sale_refund', entries: lopsided })).toThrow(expect.objectContaining({ code: 'ledger.unbalanced' }))
    expect(() => assertBalanced({ event: 'after_sale_refund', entries: [{ ...lopsided[0], amountFen: 0.5 }, { ...lopsided[1], amountFen: -0.5 }] })).toThrow(
      expect.objectContaining({ code: 'ledger.invalid_entry' }),
    )
  })
})

/* A county's month as random events, played against the ledger the way the server writes it.
   After every event: the books add up to zero, no held money is negative, nothing that came in
   is positive, and once every order is settled or refunded nothing is left pending or in flight. */
const FARMERS = ['far_a', 'far_b', 'far_c']
const OPERATOR = 'usr_op'
const COUNTY = 'cty_1'
const RATE_BP = 500

interface SimOrder {
  money: PaidOrderMoney
  lines: Array<{ farmerId: string; lineTotalFen: number; commissionCreditedFen: number; commissionFen: number; refundedFen: number; farmerBoreFen: number }>
  state: 'paid' | 'refunded' | 'picked_up' | 'settled'
}

const orderArb = fc.record({
  lines: fc.array(fc.record({ farmer: fc.integer({ min: 0, max: 2 }), fen: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 4 }),
  shippingFen: fc.integer({ min: 0, max: 3000 }),
  subsidyCapFen: fc.integer({ min: 0, max: 2000 }),
})

const stepArb = fc.oneof(
  orderArb.map((o) => ({ kind: 'pay' as const, o })),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('pickup' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('case' as const), pick: fc.nat(), line: fc.nat(), share: fc.integer({ min: 1, max: 100 }), county: fc.boolean() }),
  fc.record({ kind: fc.constant('settle' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('payout' as const), fails: fc.boolean() }),
)

function check(entries: LedgerEntry[]) {
  const all = balances(entries)
  let total = 0
  for (const [key, fen] of all) {
    total += fen
    const kind = key.split(':')[0] as AccountKind
    if (NEVER_NEGATIVE.includes(kind)) expect([key, fen >= 0]).toEqual([key, true])
    if (NEVER_POSITIVE.includes(kind)) expect([key, fen <= 0]).toEqual([key, true])
  }
  expect(total).toBe(0)
  return all
}

describe('the ledger over random months', () => {
  it('never creates or loses a fen', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const entries: LedgerEntry[] = []
        const orders: SimOrder[] = []
        const write = (p: Posting) => entries.push(...p.entries)
        const pickOf = (n: number, state: SimOrder['state']) => {
          const open = orders.filter((o) => o.state === state)
          return open.length ? open[n % open.length] : undefined
        }
        for (const step of steps) {
          if (step.kind === 'pay') {
            const lines = step.o.lines.map((l) => {
              const commissionFen = lineCommissionFen(l.fen, RATE_BP)
              return { farmerId: FARMERS[l.farmer], lineTotalFen: l.fen, commissionCreditedFen: commissionFen, commissionFen, refundedFen: 0, farmerBoreFen: 0 }
            })
            const subsidyFen = Math.min(step.o.shippingFen, step.o.subsidyCapFen)
            const goods = lines.reduce((s, l) => s + l.lineTotalFen, 0)
            const money = { countyId: COUNTY, lines, shippingFen: step.o.shippingFen, subsidyFen, totalFen: goods + step.o.shippingFen - subsidyFen }
            orders.push({ money, lines, state: 'paid' })
            write(paymentReceived(money))
          } else if (step.kind === 'cancel') {
            const o = pickOf(step.pick, 'paid')
            if (!o) continue
            write(orderRefunded(o.money))
            o.state = 'refunded'
          } else if (step.kind === 'pickup') {
            const o = pickOf(step.pick, 'paid')
            if (!o) continue
            for (const l of o.lines) write(commissionCredited({ farmerId: l.farmerId, operatorId: OPERATOR, commissionFen: l.commissionFen }))
            o.state = 'picked_up'
          } else if (step.kind === 'case') {
            const o = pickOf(step.pick, 'picked_up')
            if (!o) continue
            const l = o.lines[step.line % o.lines.length]
            const left = l.lineTotalFen - l.refundedFen
            if (left <= 0) continue
            const refund = Math.max(1, Math.floor((left * step.share) / 100))
            if (step.county) {
              // Transport's fault: the farmer's sale stands, and so does the commission on it.
              write(refundTaken('after_sale_refund', refund, COUNTY, { kind: 'county', countyId: COUNTY }))
            } else {
              const back = commissionReversalFor(refund, l.farmerBoreFen, l.lineTotalFen, l.commissionCreditedFen)
              write(commissionReversed({ farmerId: l.farmerId, operatorId: OPERATOR, commissionFen: back }, 'pending'))
              write(refundTaken('after_sale_refund', refund, COUNTY, { kind: 'farmer', farmerId: l.farmerId, stage: 'pending' }))
              l.commissionFen -= back
              l.farmerBoreFen += refund
            }
            l.refundedFen += refund
          } else if (step.kind === 'settle') {
            const o = pickOf(step.pick, 'picked_up')
            if (!o) continue
            const farmers = new Map<string, number>()
            let commission = 0
            for (const l of o.lines) {
              farmers.set(l.farmerId, (farmers.get(l.farmerId) ?? 0) + l.lineTotalFen - l.farmerBoreFen - l.commissionFen)
              commission += l.commissionFen
            }
            write(
              saleSettled({
                farmers: [...farmers].map(([farmerId, amountFen]) => ({ farmerId, amountFen })),
                operators: [{ operatorId: OPERATOR, amountFen: commission }],
              }),
            )
            o.state = 'settled'
          } else {
            const all = check(entries)
            for (const [payeeKind, payeeId] of [...FARMERS.map((f) => ['farmer', f] as const), ['operator', OPERATOR] as const]) {
              const amountFen = payoutAmountFen(all.get(`${payeeKind}_payable:${payeeId}`) ?? 0)
              if (amountFen === 0) continue
              write(payoutSent({ payeeKind, payeeId, amountFen }))
              write((step.fails ? payoutReturned : payoutPaid)({ payeeKind, payeeId, amountFen }))
            }
          }
          check(entries)
        }
        // Every order settled or refunded: the pending accounts are empty and nothing is in flight.
        const open = orders.filter((o) => o.state === 'paid' || o.state === 'picked_up')
        const all = check(entries)
        if (open.length === 0) {
          for (const [key, fen] of all) if (/^(farmer_pending|operator_pending|payouts_in_flight):/.test(key)) expect([key, fen]).toEqual([key, 0])
        }
      }),
      { numRuns: 300 },
    )
  })
})
