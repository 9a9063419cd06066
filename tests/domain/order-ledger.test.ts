import fc from 'fast-check'
import { accountKey, balances, NEVER_NEGATIVE, NEVER_POSITIVE, payoutPaid, payoutReturned, payoutSent, type AccountKind, type LedgerEntry } from '../../src/domain/ledger'
import { orderLedger, type OrderMoneyFacts } from '../../src/domain/order-ledger'
import { payoutAmountFen } from '../../src/domain/settlement'
import { ORDER_FATES, randomOrderFacts, type RandomCounty, type RandomOrder } from '../../support/random-orders'

const base: OrderMoneyFacts = {
  orderId: 'ord_1',
  countyId: 'cty_1',
  lines: [
    { position: 0, farmerId: 'far_a', lineTotalFen: 3800 },
    { position: 1, farmerId: 'far_b', lineTotalFen: 1200 },
  ],
  shippingFen: 1600,
  subsidyFen: 1000,
  totalFen: 5600,
  paidAt: '2026-03-01T02:00:00.000Z',
  commissions: [],
  refunds: [],
  settledAt: null,
}
const credits = [
  { position: 0, kind: 'credit' as const, caseId: '', operatorId: 'usr_op', commissionFen: 190, at: '2026-03-02T03:00:00.000Z' },
  { position: 1, kind: 'credit' as const, caseId: '', operatorId: 'usr_op', commissionFen: 60, at: '2026-03-02T03:00:00.000Z' },
]
const ledgerOf = (facts: OrderMoneyFacts) => Object.fromEntries([...balances(orderLedger(facts).flatMap((p) => p.entries))].filter(([, fen]) => fen !== 0))

describe('one order’s ledger', () => {
  it('an unpaid order writes nothing', () => {
    expect(orderLedger({ ...base, paidAt: null })).toEqual([])
  })

  it('paid, picked up and settled: the farmers’ share and the commission become payable', () => {
    const postings = orderLedger({ ...base, commissions: credits, settledAt: '2026-03-03T03:00:00.000Z' })
    expect(postings.map((p) => p.key)).toEqual(['payment:ord_1', 'commission:ord_1:0:credit:', 'commission:ord_1:1:credit:', 'settle:ord_1'])
    expect(ledgerOf({ ...base, commissions: credits, settledAt: '2026-03-03T03:00:00.000Z' })).toEqual({
      'buyer_payments:cty_1': -5600,
      'county_subsidy_claim:cty_1': -1000,
      'county_shipping:cty_1': 1600,
      'farmer_payable:far_a': 3610,
      'farmer_payable:far_b': 1140,
      'operator_payable:usr_op': 250,
    })
  })

  it('cancelled before pickup: everything back, the subsidy no longer claimed', () => {
    const refunds = [{ refundId: 'rfd_1', amountFen: 5600, at: '2026-03-01T05:00:00.000Z', caseId: null }]
    expect(ledgerOf({ ...base, refunds })).toEqual({ 'buyer_payments:cty_1': -5600, 'refunds:cty_1': 5600 })
  })

  it('an after-sale refund is the farmer’s when her goods were at fault, with the commission on it given back', () => {
    const at = '2026-03-02T10:00:00.000Z'
    const facts: OrderMoneyFacts = {
      ...base,
      commissions: [...credits, { position: 0, kind: 'reversal', caseId: 'cas_1', operatorId: 'usr_op', commissionFen: 50, at }],
      refunds: [{ refundId: 'rfd_2', amountFen: 1000, at, caseId: 'cas_1', position: 0, fault: 'farmer' }],
      settledAt: '2026-03-03T10:00:00.000Z',
    }
    expect(ledgerOf(facts)).toMatchObject({ 'farmer_payable:far_a': 3800 - 190 + 50 - 1000, 'operator_payable:usr_op': 250 - 50, 'refunds:cty_1': 1000 })
  })

  it('a transport fault is the county’s: the farmer keeps her sale', () => {
    const facts: OrderMoneyFacts = {
      ...base,
      commissions: credits,
      refunds: [{ refundId: 'rfd_3', amountFen: 1000, at: '2026-03-02T10:00:00.000Z', caseId: 'cas_2', position: 0, fault: 'transport' }],
      settledAt: '2026-03-03T10:00:00.000Z',
    }
    expect(ledgerOf(facts)).toMatchObject({ 'farmer_payable:far_a': 3610, 'county_shipping:cty_1': 600, 'refunds:cty_1': 1000 })
  })

  it('refunded whole after settlement: taken from payable; the delivered order’s subsidy stays claimed', () => {
    const later = '2026-03-10T00:00:00.000Z'
    const facts: OrderMoneyFacts = {
      ...base,
      commissions: [...credits, ...credits.map((c) => ({ ...c, kind: 'reversal' as const, at: later }))],
      refunds: [{ refundId: 'rfd_4', amountFen: 5600, at: later, caseId: null }],
      settledAt: '2026-03-03T03:00:00.000Z',
    }
    expect(ledgerOf(facts)).toEqual({ 'buyer_payments:cty_1': -5600, 'county_subsidy_claim:cty_1': -1000, 'county_shipping:cty_1': 1000, 'refunds:cty_1': 5600 })
  })

  it('a second payment of a paid order goes straight back to the buyer', () => {
    const facts: OrderMoneyFacts = { ...base, duplicatePayments: [{ paymentId: 'pay_2', amountFen: 5600, at: '2026-03-01T02:05:00.000Z' }] }
    expect(ledgerOf(facts)).toMatchObject({ 'buyer_payments:cty_1': -11200, 'refunds:cty_1': 5600, 'farmer_pending:far_a': 3800 })
    expect(orderLedger(facts).map((p) => p.key)).toContain('duplicate:pay_2')
  })

  it('the same facts give the same keyed postings (a ledger rebuilt later matches the one written live)', () => {
    const facts = { ...base, commissions: credits, settledAt: '2026-03-03T03:00:00.000Z' }
    expect(orderLedger(facts)).toEqual(orderLedger(structuredClone(facts)))
  })
})

/* A county's month of random orders, played through orderLedger and payouts in time order.
   After every posting: the books add up to zero, no held money is negative and nothing that came
   in is positive; when every order has settled or ended, nothing is left pending. */
const FARMERS = ['far_a', 'far_b', 'far_c']
const OPERATOR = 'usr_op'
const RATE_BP = 500
const day = (n: number) => new Date(Date.UTC(2026, 2, 1) + n * 3600_000).toISOString()

const caseArb = fc.record({ line: fc.nat(), share: fc.integer({ min: 1, max: 100 }), transport: fc.boolean() })
const orderArb = fc.record({
  lines: fc.array(fc.record({ farmer: fc.integer({ min: 0, max: 2 }), fen: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 4 }),
  shippingFen: fc.integer({ min: 0, max: 3000 }),
  capFen: fc.integer({ min: 0, max: 2000 }),
  paidHour: fc.integer({ min: 0, max: 500 }),
  fate: fc.constantFrom(...ORDER_FATES),
  cases: fc.array(caseArb, { maxLength: 3 }),
})

// The facts of a random order (its commission and reversals by the domain's rules): support/random-orders.ts.
const COUNTY: RandomCounty = { countyId: 'cty_1', farmers: FARMERS.map((id) => ({ id, operatorId: OPERATOR })), rateBp: RATE_BP, start: Date.UTC(2026, 2, 1) }
const factsOf = (i: number, o: RandomOrder): OrderMoneyFacts => randomOrderFacts(`ord_${i}`, o, COUNTY)

function check(entries: LedgerEntry[]) {
  const all = balances(entries)
  let total = 0
  for (const [key, fen] of all) {
    total += fen
    const kind = key.split(':')[0] as AccountKind
    if (NEVER_NEGATIVE.includes(kind)) expect([key, fen]).toEqual([key, Math.max(0, fen)])
    if (NEVER_POSITIVE.includes(kind)) expect([key, fen]).toEqual([key, Math.min(0, fen)])
  }
  expect(total).toBe(0)
  return all
}

describe('the ledger over random months', () => {
  it('never creates or loses a fen, and leaves nothing pending once every order has ended', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 25 }), fc.array(fc.record({ hour: fc.integer({ min: 0, max: 700 }), fails: fc.boolean() }), { maxLength: 6 }), (orders, payoutRuns) => {
        const postings = orders.flatMap((o, i) => orderLedger(factsOf(i, o)))
        const timeline: Array<{ at: string; run?: { fails: boolean }; entries?: LedgerEntry[] }> = [
          ...postings.map((p) => ({ at: p.at, entries: p.entries })),
          ...payoutRuns.map((r) => ({ at: day(r.hour), run: { fails: r.fails } })),
        ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
        const entries: LedgerEntry[] = []
        for (const item of timeline) {
          if (item.entries) entries.push(...item.entries)
          else {
            const all = check(entries)
            for (const [payeeKind, payeeId] of [...FARMERS.map((f) => ['farmer', f] as const), ['operator', OPERATOR] as const]) {
              const amountFen = payoutAmountFen(all.get(accountKey({ account: `${payeeKind}_payable`, holderId: payeeId })) ?? 0)
              if (amountFen === 0) continue
              entries.push(...payoutSent({ payeeKind, payeeId, amountFen }).entries)
              entries.push(...(item.run!.fails ? payoutReturned : payoutPaid)({ payeeKind, payeeId, amountFen }).entries)
            }
          }
          check(entries)
        }
        const all = check(entries)
        if (orders.every((o) => o.fate !== 'open' && o.fate !== 'picked_up' && o.fate !== 'refunded_after_pickup')) {
          for (const [key, fen] of all) if (/^(farmer_pending|operator_pending|payouts_in_flight):/.test(key)) expect([key, fen]).toEqual([key, 0])
        }
      }),
      { numRuns: 300 },
    )
  })
})
