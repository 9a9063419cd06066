import { isSaleSettleable, PAYOUT_MINIMUM_FEN, payoutAmountFen, settlesAt } from '../../src/domain/settlement'

const pickedUpAt = '2026-03-01T02:00:00.000Z'
const at = (iso: string) => new Date(iso)

describe('settlement', () => {
  it('settles 24 hours after pickup, not a millisecond before', () => {
    expect(settlesAt(pickedUpAt).toISOString()).toBe('2026-03-02T02:00:00.000Z')
    const facts = { orderStatus: 'picked_up' as const, pickedUpAt, caseStatuses: [] }
    expect(isSaleSettleable(facts, at('2026-03-02T01:59:59.999Z'))).toBe(false)
    expect(isSaleSettleable(facts, at('2026-03-02T02:00:00.000Z'))).toBe(true)
  })

  it('an open case holds the order; decided cases do not', () => {
    const late = at('2026-03-05T00:00:00.000Z')
    expect(isSaleSettleable({ orderStatus: 'picked_up', pickedUpAt, caseStatuses: ['refunded', 'reported'] }, late)).toBe(false)
    expect(isSaleSettleable({ orderStatus: 'picked_up', pickedUpAt, caseStatuses: ['refunded', 'declined'] }, late)).toBe(true)
  })

  it('only a picked-up order settles', () => {
    const late = at('2026-03-05T00:00:00.000Z')
    for (const orderStatus of ['paid', 'ready_for_pickup', 'cancelled'] as const) {
      expect(isSaleSettleable({ orderStatus, pickedUpAt, caseStatuses: [] }, late)).toBe(false)
    }
    expect(isSaleSettleable({ orderStatus: 'picked_up', pickedUpAt: null, caseStatuses: [] }, late)).toBe(false)
  })

  it('pays 0.10 yuan and more; less carries over', () => {
    expect(PAYOUT_MINIMUM_FEN).toBe(10)
    expect(payoutAmountFen(9)).toBe(0)
    expect(payoutAmountFen(10)).toBe(10)
    expect(payoutAmountFen(123456)).toBe(123456)
  })
})
