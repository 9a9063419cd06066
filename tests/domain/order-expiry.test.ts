import { isOrderExpired, orderExpiresAt, UNPAID_ORDER_TTL_MINUTES } from '../../src/domain/order-expiry'

describe('unpaid order expiry', () => {
  it('is thirty minutes after creation, as the API promises', () => {
    expect(UNPAID_ORDER_TTL_MINUTES).toBe(30)
    expect(orderExpiresAt('2026-11-28T05:30:00.000Z')).toBe('2026-11-28T06:00:00.000Z')
    expect(orderExpiresAt(new Date('2026-11-28T23:45:10.250Z'))).toBe('2026-11-29T00:15:10.250Z')
    expect(orderExpiresAt('2026-11-28T13:30:00+08:00')).toBe('2026-11-28T06:00:00.000Z')
  })

  it('counts the expiry instant itself as too late', () => {
    const expiresAt = '2026-11-28T06:00:00.000Z'
    expect(isOrderExpired(expiresAt, '2026-11-28T05:59:59.999Z')).toBe(false)
    expect(isOrderExpired(expiresAt, '2026-11-28T06:00:00.000Z')).toBe(true)
    expect(isOrderExpired(expiresAt, new Date('2026-11-28T07:00:00.000Z'))).toBe(true)
  })

  it('refuses an instant it cannot place in time', () => {
    expect(() => orderExpiresAt('2026-11-28 05:30')).toThrow(expect.objectContaining({ code: 'time.invalid_instant' }))
  })
})
