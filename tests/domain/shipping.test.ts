import fc from 'fast-check'
import { parcelShippingFen, startedKilograms } from '../../src/domain/shipping'

const tariff = { firstKgFen: 800, extraKgFen: 200 }

describe('parcelShippingFen', () => {
  it.each([
    [2300, 1200], // first kg 800 + 2 started kg × 200
    [1, 800],
    [1000, 800],
    [1001, 1000],
    [2000, 1000],
    [18000, 800 + 17 * 200],
    [0, 0], // nothing to carry, nothing to pay
  ])('%d g costs %d fen', (grams, fen) => {
    expect(parcelShippingFen(grams, tariff)).toBe(fen)
  })

  it('follows the tariff it is given', () => {
    expect(parcelShippingFen(2300, { firstKgFen: 1000, extraKgFen: 0 })).toBe(1000)
    expect(parcelShippingFen(2300, { firstKgFen: 0, extraKgFen: 0 })).toBe(0)
  })

  it('refuses a bad tariff or weight', () => {
    expect(() => parcelShippingFen(1000, { firstKgFen: -1, extraKgFen: 200 })).toThrow(
      expect.objectContaining({ code: 'shipping.invalid_tariff' }),
    )
    expect(() => parcelShippingFen(1000, { firstKgFen: 800.5, extraKgFen: 200 })).toThrow(
      expect.objectContaining({ code: 'shipping.invalid_tariff' }),
    )
    expect(() => parcelShippingFen(-1, tariff)).toThrow(expect.objectContaining({ code: 'shipping.invalid_weight' }))
    expect(() => parcelShippingFen(1.5, tariff)).toThrow(expect.objectContaining({ code: 'shipping.invalid_weight' }))
  })

  it('counts every started kilogram', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), (grams) => {
        const kg = startedKilograms(grams)
        expect((kg - 1) * 1000).toBeLessThan(grams)
        expect(kg * 1000).toBeGreaterThanOrEqual(grams)
      }),
    )
  })

  it('never costs less for a heavier parcel', () => {
    const fen = fc.integer({ min: 0, max: 100_000 })
    const grams = fc.integer({ min: 0, max: 10 ** 7 })
    fc.assert(
      fc.property(fen, fen, grams, grams, (firstKgFen, extraKgFen, g1, g2) => {
        const [light, heavy] = g1 <= g2 ? [g1, g2] : [g2, g1]
        const t = { firstKgFen, extraKgFen }
        expect(parcelShippingFen(light, t)).toBeLessThanOrEqual(parcelShippingFen(heavy, t))
      }),
    )
  })
})
