import { paymentReceived, payoutPaid, payoutSent, type Posting } from '../../src/domain/ledger'
import { orderLedger } from '../../src/domain/order-ledger'
import { statementOf, type HolderEntry } from '../../src/domain/statement'

const mine = (holderId: string, postings: Array<Posting & { key: string; at: string }>, orderId: string | null, payoutId: string | null = null): HolderEntry[] =>
  postings.flatMap((p) => p.entries.filter((e) => e.holderId === holderId).map((e) => ({ postingId: p.key, event: p.event, account: e.account, amountFen: e.amountFen, at: p.at, orderId, orderNumber: orderId ? '1129-001' : null, payoutId })))

describe('a farmer’s statement', () => {
  const order = orderLedger({
    orderId: 'ord_1',
    countyId: 'cty_1',
    lines: [{ position: 0, farmerId: 'far_a', lineTotalFen: 3800 }],
    shippingFen: 800,
    subsidyFen: 0,
    totalFen: 4600,
    paidAt: '2026-11-29T02:00:00.000Z',
    commissions: [{ position: 0, kind: 'credit', caseId: '', operatorId: 'usr_op', commissionFen: 190, at: '2026-11-30T17:00:00.000Z' }],
    refunds: [],
    settledAt: '2026-12-01T17:30:00.000Z',
  })
  const payout = { payeeKind: 'farmer' as const, payeeId: 'far_a', amountFen: 3610 }
  const payouts = [
    { ...payoutSent(payout), key: 'payout:po_1:sent', at: '2026-12-03T02:00:00.000Z' },
    { ...payoutPaid(payout), key: 'payout:po_1:paid', at: '2026-12-03T04:00:00.000Z' },
  ]
  const entries = [...mine('far_a', order, 'ord_1'), ...mine('far_a', payouts, null, 'po_1')]

  it('November: the sale, and the commission of a pickup at 01:00 China time on 1 December is December’s', () => {
    const november = statementOf(entries, '2026-11')
    expect(november.lines).toEqual([{ at: '2026-11-29T02:00:00.000Z', kind: 'sale', orderId: 'ord_1', orderNumber: '1129-001', payoutId: null, amountFen: 3800 }])
    expect(november.monthTotals.sale).toBe(3800)
  })

  it('December: commission and payout; the settlement is no line; balances as of now', () => {
    const december = statementOf(entries, '2026-12')
    expect(december.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['commission', -190],
      ['payout', -3610],
    ])
    expect(december).toMatchObject({ payableFen: 0, pendingFen: 0, inFlightFen: 0, paidOutFen: 3610 })
  })

  it('before settlement the money shows as pending', () => {
    const early = mine('far_a', [{ ...paymentReceived({ countyId: 'cty_1', lines: [{ farmerId: 'far_a', lineTotalFen: 500 }], shippingFen: 0, subsidyFen: 0, totalFen: 500 }), key: 'payment:ord_2', at: '2026-12-05T00:00:00.000Z' }], 'ord_2')
    expect(statementOf(early, '2026-12')).toMatchObject({ pendingFen: 500, payableFen: 0 })
  })
})
