import {
  accountKey,
  assertBalanced,
  balances,
  commissionCredited,
  commissionReversed,
  payoutPaid,
  payoutReturned,
  payoutSent,
  paymentReceived,
  refundTaken,
  saleSettled,
  type LedgerEntry,
  type PaidOrderMoney,
  type Posting,
} from '../../src/domain/ledger'

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

  it('settling moves what is pending to payable, for farmers and cun xiao’er alike', () => {
    const p = saleSettled({ farmers: [{ farmerId: 'far_a', amountFen: 4085 }], operators: [{ operatorId: 'usr_op', amountFen: 215 }] })
    expect(amounts(p)).toEqual({ 'farmer_pending:far_a': -4085, 'farmer_payable:far_a': 4085, 'operator_pending:usr_op': -215, 'operator_payable:usr_op': 215 })
    const after = balances([...paymentReceived(order).entries, ...p.entries])
    expect(after.get('farmer_pending:far_a')).toBe(4300 - 4085)
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
