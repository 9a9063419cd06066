import { lineCommissionFen } from '../../src/domain/commission'

describe('lineCommissionFen', () => {
  it('applies the county rate to the line, rounding half up', () => {
    expect(lineCommissionFen(3850, 500)).toBe(193) // 192.5
    expect(lineCommissionFen(3849, 500)).toBe(192) // 192.45
    expect(lineCommissionFen(7600, 300)).toBe(228)
    expect(lineCommissionFen(7600, 0)).toBe(0)
  })

  it('refuses a rate that is not 0..100 % in whole basis points', () => {
    for (const rate of [-1, 10001, 2.5]) {
      expect(() => lineCommissionFen(1000, rate)).toThrow(expect.objectContaining({ code: 'commission.invalid_rate' }))
    }
  })
})
