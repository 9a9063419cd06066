import fc from 'fast-check'
import { accountKey, balances, payoutPaid, payoutReturned, payoutSent, type LedgerEntry } from '../../src/domain/ledger'
import { orderLedger } from '../../src/domain/order-ledger'
import { identityGap, reconcile, type PostingSource, type VillageAccountSum } from '../../src/domain/reconciliation'
import { payoutAmountFen } from '../../src/domain/settlement'
import { ORDER_FATES, randomOrderFacts, type RandomCounty } from '../../support/random-orders'

/* The reconciliation from a month's entries summed by village: each row and the totals balance
   to the fen over random order ledgers with payouts, and a broken book shows as a difference. */

const VILLAGES = [
  { id: 'vil_a', name: '舍必崖村' },
  { id: 'vil_b', name: '新店子村' },
]
const COUNTY: RandomCounty = {
  countyId: 'cty_1',
  farmers: [
    { id: 'far_a1', operatorId: 'usr_op_a' },
    { id: 'far_a2', operatorId: 'usr_op_a' },
    { id: 'far_b1', operatorId: 'usr_op_b' },
  ],
  rateBp: 500,
  start: Date.UTC(2026, 2, 1),
}
const VILLAGE_OF: Record<string, string> = { far_a1: 'vil_a', far_a2: 'vil_a', far_b1: 'vil_b', usr_op_a: 'vil_a', usr_op_b: 'vil_b' }

type Tagged = LedgerEntry & { villageId: string; source: PostingSource; payment: boolean }

/** What the SQL GROUP BY does: the entries summed by village, source and account. */
function grouped(entries: readonly Tagged[]): VillageAccountSum[] {
  const sums = new Map<string, VillageAccountSum>()
  for (const e of entries) {
    const key = `${e.villageId}|${e.source}|${e.account}`
    const sum = sums.get(key) ?? { villageId: e.villageId, source: e.source, account: e.account, amountFen: 0, payments: 0 }
    sum.amountFen += e.amountFen
    sum.payments += e.payment ? 1 : 0
    sums.set(key, sum)
  }
  return [...sums.values()]
}

const sum = (entries: readonly { amountFen: number }[]) => entries.reduce((total, e) => total + e.amountFen, 0)

describe('the reconciliation', () => {
  const facts = randomOrderFacts('ord_1', { lines: [{ farmer: 0, fen: 3800 }, { farmer: 2, fen: 1200 }], shippingFen: 1600, capFen: 1000, paidHour: 1, fate: 'settled', cases: [{ line: 0, share: 50, transport: false }] }, COUNTY)
  const tagged = (source: PostingSource, villageId: string) => (p: { event: string; entries: LedgerEntry[] }) =>
    p.entries.map((e) => ({ ...e, villageId, source, payment: p.event === 'payment_received' && e.account === 'buyer_payments' }))

  it('counts an order whole in the village of its first line, with its figures to the fen', () => {
    const entries = orderLedger(facts).flatMap(tagged('order', 'vil_a'))
    const { lines, totals } = reconcile(grouped(entries), VILLAGES)
    const [a, b] = lines
    // 5,600 paid = goods 5,000 + shipping 1,600 − subsidy 1,000; a case refunds 1,900 of 王's 3,800 lamb.
    expect(a).toMatchObject({ villageId: 'vil_a', villageName: '舍必崖村', orderCount: 1, receivedFen: 5600, shippingFen: 1600, subsidyFen: 1000, refundsFen: 1900, payoutsFen: 0, differenceFen: 0 })
    expect(a.farmersShareFen + a.commissionFen).toBe(5000 - 1900)
    expect(a.commissionFen).toBe(Math.round(3800 * 0.05) + Math.round(1200 * 0.05) - Math.round(1900 * 0.05))
    expect(b).toMatchObject({ villageId: 'vil_b', orderCount: 0, receivedFen: 0, differenceFen: 0 })
    expect(totals).toMatchObject({ villageId: null, villageName: '合计', receivedFen: 5600, differenceFen: 0 })
  })

  it('keeps payouts out of the identity and counts what reached the payee', () => {
    const sent = payoutSent({ payeeKind: 'farmer', payeeId: 'far_b1', amountFen: 700 })
    const paid = payoutPaid({ payeeKind: 'farmer', payeeId: 'far_b1', amountFen: 700 })
    const returned = [payoutSent({ payeeKind: 'operator', payeeId: 'usr_op_b', amountFen: 90 }), payoutReturned({ payeeKind: 'operator', payeeId: 'usr_op_b', amountFen: 90 })]
    const entries = [...orderLedger(facts).flatMap(tagged('order', 'vil_a')), ...[sent, paid, ...returned].flatMap(tagged('payout', 'vil_b'))]
    const { lines, totals } = reconcile(grouped(entries), VILLAGES)
    expect(lines[1]).toMatchObject({ payoutsFen: 700, receivedFen: 0, farmersShareFen: 0, differenceFen: 0 })
    expect(totals).toMatchObject({ payoutsFen: 700, differenceFen: 0 })
  })

  it('shows a broken book as a difference, never hides it', () => {
    const entries = orderLedger(facts).flatMap(tagged('order', 'vil_a'))
    const lost = entries.map((e) => (e.account === 'county_shipping' ? { ...e, amountFen: e.amountFen - 1 } : e))
    expect(reconcile(grouped(lost), VILLAGES).lines[0].differenceFen).toBe(1)
    const halfPayout = payoutSent({ payeeKind: 'farmer', payeeId: 'far_a1', amountFen: 500 }).entries.slice(0, 1)
    const broken = [...entries, ...halfPayout.map((e) => ({ ...e, villageId: 'vil_a', source: 'payout' as const, payment: false }))]
    expect(reconcile(grouped(broken), VILLAGES).totals.differenceFen).toBe(-500)
    const stray = [...entries, { account: 'paid_out' as const, holderId: 'far_a1', amountFen: 300, villageId: 'vil_a', source: 'order' as const, payment: false }]
    expect(reconcile(grouped(stray), VILLAGES).lines[0].differenceFen).not.toBe(0)
  })

  it('lists a village it was not told of rather than dropping its money', () => {
    const entries = orderLedger(facts).flatMap(tagged('order', 'vil_gone'))
    const { lines, totals } = reconcile(grouped(entries), VILLAGES)
    expect(lines.map((l) => l.villageId)).toEqual(['vil_a', 'vil_b', 'vil_gone'])
    expect(totals.receivedFen).toBe(5600)
  })
})

const orderArb = fc.record({
  lines: fc.array(fc.record({ farmer: fc.integer({ min: 0, max: 2 }), fen: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 4 }),
  shippingFen: fc.integer({ min: 0, max: 3000 }),
  capFen: fc.integer({ min: 0, max: 2000 }),
  paidHour: fc.integer({ min: 0, max: 500 }),
  fate: fc.constantFrom(...ORDER_FATES),
  cases: fc.array(fc.record({ line: fc.nat(), share: fc.integer({ min: 1, max: 100 }), transport: fc.boolean() }), { maxLength: 3 }),
})

describe('the reconciliation over random order ledgers', () => {
  it('balances every village and the totals to the fen, and the totals are the sum of the rows', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 25 }), fc.array(fc.record({ hour: fc.integer({ min: 0, max: 700 }), fails: fc.boolean() }), { maxLength: 5 }), (orders, runs) => {
        const allFacts = orders.map((o, i) => randomOrderFacts(`ord_${i}`, o, COUNTY))
        const timeline: Array<{ at: string; entries?: Tagged[]; run?: boolean }> = [
          ...allFacts.flatMap((f) =>
            orderLedger(f).map((p) => ({
              at: p.at,
              entries: p.entries.map((e) => ({ ...e, villageId: VILLAGE_OF[f.lines[0].farmerId], source: 'order' as const, payment: p.event === 'payment_received' && e.account === 'buyer_payments' })),
            })),
          ),
          ...runs.map((r) => ({ at: new Date(COUNTY.start + r.hour * 3600_000).toISOString(), run: r.fails })),
        ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
        const entries: Tagged[] = []
        for (const item of timeline) {
          if (item.entries) {
            entries.push(...item.entries)
            continue
          }
          const owed = balances(entries)
          for (const [payeeKind, payeeId] of [...COUNTY.farmers.map((f) => ['farmer', f.id] as const), ['operator', 'usr_op_a'] as const, ['operator', 'usr_op_b'] as const]) {
            const amountFen = payoutAmountFen(owed.get(accountKey({ account: `${payeeKind}_payable`, holderId: payeeId })) ?? 0)
            if (amountFen === 0) continue
            const payout = { payeeKind, payeeId, amountFen }
            for (const p of [payoutSent(payout), (item.run ? payoutReturned : payoutPaid)(payout)]) {
              entries.push(...p.entries.map((e) => ({ ...e, villageId: VILLAGE_OF[payeeId], source: 'payout' as const, payment: false })))
            }
          }
        }
        const { lines, totals } = reconcile(grouped(entries), VILLAGES)
        for (const line of lines) {
          expect([line.villageId, line.differenceFen, identityGap(line)]).toEqual([line.villageId, 0, 0])
        }
        expect(totals.differenceFen).toBe(0)
        expect(identityGap(totals)).toBe(0)
        for (const key of ['orderCount', 'receivedFen', 'farmersShareFen', 'commissionFen', 'shippingFen', 'subsidyFen', 'refundsFen', 'payoutsFen'] as const) {
          expect(totals[key]).toBe(lines.reduce((s, l) => s + l[key], 0))
        }
        // Independently of the ledger's accounts: what the buyers paid and what went back to them.
        expect(totals.receivedFen).toBe(allFacts.reduce((s, f) => s + f.totalFen, 0))
        expect(totals.refundsFen).toBe(allFacts.reduce((s, f) => s + sum(f.refunds), 0))
        expect(totals.orderCount).toBe(orders.length)
        expect(totals.payoutsFen).toBe(sum(entries.filter((e) => e.account === 'paid_out')))
      }),
      { numRuns: 300 },
    )
  })
})
