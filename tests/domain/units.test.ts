import { FIXED_UNIT_GRAMS, gramsPerUnit, isUnit, lineWeightGrams, UNITS } from '../../src/domain/units'

describe('gramsPerUnit', () => {
  it('uses the definition for kg and jin, whatever the listing says', () => {
    expect(gramsPerUnit('kg', 900)).toBe(1000)
    expect(gramsPerUnit('jin', null)).toBe(500)
    expect(gramsPerUnit('jin')).toBe(FIXED_UNIT_GRAMS.jin)
  })

  it("uses the listing's unit weight for heads, liters, bags and pieces", () => {
    expect(gramsPerUnit('head', 18000)).toBe(18000)
    expect(gramsPerUnit('liter', 1030)).toBe(1030)
    expect(gramsPerUnit('bag', 5000)).toBe(5000)
    expect(gramsPerUnit('piece', 1)).toBe(1)
  })

  it.each([0, -5, 2.5, NaN, null, undefined])('refuses a unit weight of %p for a bag', (weight) => {
    expect(() => gramsPerUnit('bag', weight)).toThrow(expect.objectContaining({ code: 'units.invalid_unit_weight' }))
  })

  it('refuses an unknown unit', () => {
    expect(() => gramsPerUnit('pound' as never, 450)).toThrow(expect.objectContaining({ code: 'units.unknown_unit' }))
    expect(isUnit('pound')).toBe(false)
    expect(UNITS.every(isUnit)).toBe(true)
  })
})

describe('lineWeightGrams', () => {
  it('multiplies the unit weight by the quantity', () => {
    expect(lineWeightGrams('jin', null, 3)).toBe(1500)
    expect(lineWeightGrams('kg', 1000, 2)).toBe(2000)
    expect(lineWeightGrams('head', 18000, 2)).toBe(36000)
  })

  it.each([0, -1, 1.5, NaN])('refuses a quantity of %p', (quantity) => {
    expect(() => lineWeightGrams('kg', null, quantity)).toThrow(expect.objectContaining({ code: 'units.invalid_quantity' }))
  })

  it('refuses a weight too large to count exactly', () => {
    expect(() => lineWeightGrams('head', Number.MAX_SAFE_INTEGER, 2)).toThrow(
      expect.objectContaining({ code: 'units.weight_too_large' }),
    )
  })
})
