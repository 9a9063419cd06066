import { WRONG_CODE_WINDOW_MINUTES, WRONG_CODES_PER_CENTER, WRONG_CODES_PER_STAFF, wrongCodeRetryAfterSeconds } from '../../src/domain/pickup-attempts'
import { isPickupCodeFormat, PICKUP_CODE_LENGTH, PICKUP_CODE_PATTERN } from '../../src/domain/pickup-code'

describe('wrong pickup codes', () => {
  const now = Date.UTC(2026, 2, 1, 8, 0, 0)
  const minutesAgo = (m: number) => now - m * 60_000

  it('allows five wrong tries per staff member and twenty per center in 15 minutes', () => {
    expect([WRONG_CODES_PER_STAFF, WRONG_CODES_PER_CENTER, WRONG_CODE_WINDOW_MINUTES]).toEqual([5, 20, 15])
  })

  it('waits until the oldest wrong try of a reached limit leaves the window', () => {
    expect(wrongCodeRetryAfterSeconds([{ count: 5, oldest: minutesAgo(10), limit: 5 }], now)).toBe(5 * 60)
    // The longer of two reached limits.
    expect(wrongCodeRetryAfterSeconds([{ count: 5, oldest: minutesAgo(14), limit: 5 }, { count: 20, oldest: minutesAgo(1), limit: 20 }], now)).toBe(14 * 60)
  })

  it('ignores limits not reached, and never answers less than a second', () => {
    expect(wrongCodeRetryAfterSeconds([{ count: 4, oldest: minutesAgo(1), limit: 5 }], now)).toBe(1)
    expect(wrongCodeRetryAfterSeconds([{ count: 5, oldest: minutesAgo(15), limit: 5 }], now)).toBe(1)
    expect(wrongCodeRetryAfterSeconds([], now)).toBe(1)
  })
})

describe('the pickup code pattern', () => {
  it('is exactly the code’s digits, and the format check reads it', () => {
    expect(PICKUP_CODE_PATTERN.source).toBe(`^[0-9]{${PICKUP_CODE_LENGTH}}$`)
    for (const code of ['004217', '999999']) expect(isPickupCodeFormat(code)).toBe(true)
    for (const code of ['00421', '0042170', '00421a', ' 004217', '００４２１７', 4217]) expect(isPickupCodeFormat(code)).toBe(false)
  })
})
