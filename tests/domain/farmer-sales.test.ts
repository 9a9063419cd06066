import { handInDeadline, isSaleStanding, saleLineState } from '../../src/domain/farmer-sales'
import { collectionRunDateFor } from '../../src/domain/pickup-window'

describe('handInDeadline', () => {
  it('is 20:00 China time on the evening before the run', () => {
    // Run on Thursday 2026-12-03: hand in by Wednesday 2026-12-02 20:00 China = 12:00 UTC.
    expect(handInDeadline('2026-12-03', { cutoffTime: '16:00' }).toISOString()).toBe('2026-12-02T12:00:00.000Z')
  })

  it('waits for a cut-off later than 20:00, so an order paid just before it can still be handed in', () => {
    expect(handInDeadline('2026-12-03', { cutoffTime: '21:30' }).toISOString()).toBe('2026-12-02T13:30:00.000Z')
  })

  it('crosses months and years on the China calendar', () => {
    expect(handInDeadline('2027-01-01', { cutoffTime: '16:00' }).toISOString()).toBe('2026-12-31T12:00:00.000Z')
  })

  it('always leaves time after the payment that put the order on the run, and ends before the run leaves', () => {
    const rules = { cutoffTime: '16:00', collectionRunTime: '08:00', runDurationMinutes: 150, centerOpens: '08:30', centerCloses: '18:00' }
    for (const paidAt of ['2026-12-02T07:59:00.000Z', '2026-12-01T16:00:00.000Z', '2026-12-02T08:00:00.000Z']) {
      const run = collectionRunDateFor(paidAt, rules)
      const deadline = handInDeadline(run, rules)
      expect(deadline.getTime()).toBeGreaterThan(Date.parse(paidAt))
      expect(deadline.getTime()).toBeLessThan(Date.parse(`${run}T00:00:00.000Z`))
    }
  })
})

describe('saleLineState', () => {
  it('follows the parcel from the farmer to the buyer', () => {
    expect(saleLineState('awaiting_collection', 'paid', false)).toEqual({ status: 'to_hand_in' })
    expect(saleLineState('collected', 'paid', false)).toEqual({ status: 'at_village' })
    expect(saleLineState('received', 'paid', false)).toEqual({ status: 'at_county' })
    expect(saleLineState('received', 'ready_for_pickup', false)).toEqual({ status: 'at_county' })
    expect(saleLineState('received', 'picked_up', false)).toEqual({ status: 'picked_up' })
  })

  it('says why a sale ended', () => {
    expect(saleLineState('cancelled', 'cancelled', true)).toEqual({ status: 'cancelled', reason: 'buyer_cancelled' })
    expect(saleLineState('received', 'picked_up', true)).toEqual({ status: 'refunded', reason: 'refunded_after_pickup' })
    expect(isSaleStanding('cancelled')).toBe(false)
    expect(isSaleStanding('refunded')).toBe(false)
    expect(isSaleStanding('at_village')).toBe(true)
  })
})
