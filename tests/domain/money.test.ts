import fc from 'fast-check'
import {
  applyRate,
  assertFen,
  BASIS_POINTS_PER_WHOLE,
  formatYuan,
  isBasisPoints,
  isFen,
  sumFen,
  yuanToFen,
} from '../../src/domain/money'
import { DomainError } from '../../src/domain/errors'

describe('formatYuan', () => {
  it.each([
    [3800, '¥38.00'],
    [3850, '¥38.50'],
    [5, '¥0.05'],
    [0, '¥0.00'],
    [123456789, '¥1234567.89'],
  ])('%d fen reads %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })
})

describe('yuanToFen', () => {
  it.each([
    ['38', 3800],
    ['38.5', 3850],
    ['38.50', 3850],
    ['0.29', 29], // parseFloat('0.29') * 100 would be 28.999999999999996
    ['0.07', 7],
    ['  12.30 ', 1230],
    ['007', 700],
    ['0', 0],
  ])('reads %j as %d fen', (input, fen) => {
    expect(yuanToFen(input)).toEqual({ ok: true, fen })
  })

  it.each([
    ['', 'money.empty'],
    ['   ', 'money.empty'],
    ['38.505', 'money.too_many_decimals'],
    ['-1', 'money.invalid_format'],
    ['+1', 'money.invalid_format'],
    ['1,000', 'money.invalid_format'],
    ['¥38', 'money.invalid_format'],
    ['38.', 'money.invalid_format'],
    ['.5', 'money.invalid_format'],
    ['1e3', 'money.invalid_format'],
    ['３８', 'money.invalid_format'],
    ['99999999999999', 'money.too_large'],
  ])('refuses %j with %s', (input, reason) => {
    const result = yuanToFen(input)
    expect(result).toMatchObject({ ok: false, reason })
    expect(result.ok || result.message.length > 0).toBe(true)
  })

  it('refuses a non-string without throwing', () => {
    expect(yuanToFen(38 as unknown as string)).toMatchObject({ ok: false, reason: 'money.empty' })
  })

  it('reads back any amount formatYuan wrote', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => {
        expect(yuanToFen(formatYuan(fen).slice(1))).toEqual({ ok: true, fen })
      }),
    )
  })
})

describe('isFen / assertFen', () => {
  it('accepts safe non-negative integers only', () => {
    expect([0, 1, 3800, Number.MAX_SAFE_INTEGER].every(isFen)).toBe(true)
    expect([-1, 0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, '3800', null].some(isFen)).toBe(false)
  })

  it('throws a DomainError naming the field', () => {
    expect(() => assertFen(1.5, 'priceFen')).toThrow(DomainError)
    try {
      assertFen(-3, 'priceFen')
      throw new Error('expected assertFen to throw')
    } catch (error) {
      expect(error).toMatchObject({ code: 'money.invalid_fen', details: { field: 'priceFen', value: -3 } })
    }
    expect(() => assertFen(3800)).not.toThrow()
  })
})

describe('sumFen', () => {
  it('adds amounts and refuses a total past exact integers', () => {
    expect(sumFen([100, 250, 0])).toBe(350)
    expect(sumFen([])).toBe(0)
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(expect.objectContaining({ code: 'money.invalid_fen' }))
    expect(() => sumFen([1, -1])).toThrow(DomainError)
  })
})

describe('applyRate: one rounding rule, half up to the nearest fen', () => {
  it.each([
    [3850, 500, 193], // 192.5 → 193
    [3849, 500, 192], // 192.45 → 192
    [1, 5000, 1], // 0.5 → 1
    [1, 4999, 0], // 0.4999 → 0
    [10000, 150, 150],
    [3800, 0, 0],
    [3800, 10000, 3800],
    [Number.MAX_SAFE_INTEGER, 10000, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 5000, 4503599627370496], // 4503599627370495.5 → up
  ])('%d fen at %d bp is %d fen', (amount, rate, expected) => {
    expect(applyRate(amount, rate)).toBe(expected)
  })

  it('refuses rates outside 0..10000 bp and amounts that are not fen', () => {
    for (const rate of [-1, 10001, 1.5, NaN]) {
      expect(() => applyRate(100, rate)).toThrow(expect.objectContaining({ code: 'money.invalid_rate' }))
    }
    expect(() => applyRate(-100, 500)).toThrow(expect.objectContaining({ code: 'money.invalid_fen' }))
    expect(isBasisPoints(BASIS_POINTS_PER_WHOLE)).toBe(true)
    expect(isBasisPoints(BASIS_POINTS_PER_WHOLE + 1)).toBe(false)
  })

  const amount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
  const rate = fc.integer({ min: 0, max: BASIS_POINTS_PER_WHOLE })

  it('matches exact arithmetic rounded half up', () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const exact = (BigInt(a) * BigInt(r) * 2n + 10000n) / 20000n // floor(a·r/10000 + 1/2)
        expect(BigInt(applyRate(a, r))).toBe(exact)
      }),
      { numRuns: 2000 },
    )
  })

  it('is bounded by 0 and the amount', () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const result = applyRate(a, r)
        expect(Number.isSafeInteger(result)).toBe(true)
        expect(result).toBeGreaterThanOrEqual(0)
        expect(result).toBeLessThanOrEqual(a)
      }),
    )
  })

  it('is monotone in the amount and in the rate', () => {
    fc.assert(
      fc.property(amount, amount, rate, rate, (a1, a2, r1, r2) => {
        const [lowA, highA] = a1 <= a2 ? [a1, a2] : [a2, a1]
        const [lowR, highR] = r1 <= r2 ? [r1, r2] : [r2, r1]
        expect(applyRate(lowA, r1)).toBeLessThanOrEqual(applyRate(highA, r1))
        expect(applyRate(a1, lowR)).toBeLessThanOrEqual(applyRate(a1, highR))
      }),
    )
  })
})
