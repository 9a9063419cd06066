import fc from 'fast-check'
import { priceOrder, type OrderLineInput, type PriceOrderInput } from '../../src/domain/pricing'
import { UNITS } from '../../src/domain/units'

const tariff = { firstKgFen: 800, extraKgFen: 200 }
const subsidy = { capFenPerOrder: 1000, validFrom: '2026-11-01', validUntil: '2026-11-30' }
const lamb: OrderLineInput = { listingId: 'l-lamb', farmerId: 'f-bater', unitPriceFen: 7600, quantity: 2, unit: 'jin', unitWeightGrams: null }
const milk: OrderLineInput = { listingId: 'l-milk', farmerId: 'f-bater', unitPriceFen: 1250, quantity: 3, unit: 'liter', unitWeightGrams: 1100 }
const millet: OrderLineInput = { listingId: 'l-millet', farmerId: 'f-wang', unitPriceFen: 3850, quantity: 1, unit: 'bag', unitWeightGrams: 2300 }

function order(overrides: Partial<PriceOrderInput> = {}): PriceOrderInput {
  return {
    lines: [lamb, milk, millet],
    tariff,
    subsidy,
    commissionRateBp: 500,
    orderedAt: '2026-11-15T04:00:00.000Z',
    ...overrides,
  }
}

describe('priceOrder', () => {
  it('prices lines, one parcel per farmer, shipping, subsidy and commission', () => {
    const priced = priceOrder(order())
    expect(priced.lines).toEqual([
      { listingId: 'l-lamb', farmerId: 'f-bater', quantity: 2, unitPriceFen: 7600, lineTotalFen: 15200, commissionFen: 760, weightGrams: 1000 },
      { listingId: 'l-milk', farmerId: 'f-bater', quantity: 3, unitPriceFen: 1250, lineTotalFen: 3750, commissionFen: 188, weightGrams: 3300 },
      { listingId: 'l-millet', farmerId: 'f-wang', quantity: 1, unitPriceFen: 3850, lineTotalFen: 3850, commissionFen: 193, weightGrams: 2300 },
    ])
    expect(priced.parcels).toEqual([
      // 4.3 kg: 800 + 4 × 200
      { farmerId: 'f-bater', weightGrams: 4300, shippingFen: 1600, listingIds: ['l-lamb', 'l-milk'] },
      // 2.3 kg: 800 + 2 × 200
      { farmerId: 'f-wang', weightGrams: 2300, shippingFen: 1200, listingIds: ['l-millet'] },
    ])
    expect(priced).toMatchObject({
      subtotalFen: 22800,
      shippingFen: 2800,
      subsidyFen: 1000, // capped
      totalFen: 22800 + 2800 - 1000,
      commissionFen: 760 + 188 + 193, // per line, then summed
    })
  })

  it('charges full shipping once the subsidy has ended, or without one', () => {
    expect(priceOrder(order({ orderedAt: '2026-12-01T02:00:00.000Z' }))).toMatchObject({ subsidyFen: 0, totalFen: 25600 })
    expect(priceOrder(order({ subsidy: null }))).toMatchObject({ subsidyFen: 0, totalFen: 25600 })
  })

  it('lets a subsidy cover small shipping entirely, never more', () => {
    const priced = priceOrder(order({ lines: [millet] }))
    expect(priced).toMatchObject({ shippingFen: 1200, subsidyFen: 1000, totalFen: 3850 + 200 })
    const cheap = priceOrder(order({ lines: [millet], tariff: { firstKgFen: 300, extraKgFen: 100 } }))
    expect(cheap).toMatchObject({ shippingFen: 500, subsidyFen: 500, totalFen: 3850 })
  })

  it.each<[string, Partial<PriceOrderInput>, string]>([
    ['no lines', { lines: [] }, 'pricing.empty_order'],
    ['a zero quantity', { lines: [{ ...lamb, quantity: 0 }] }, 'pricing.invalid_quantity'],
    ['a fractional quantity', { lines: [{ ...lamb, quantity: 1.5 }] }, 'pricing.invalid_quantity'],
    ['a negative price', { lines: [{ ...lamb, unitPriceFen: -1 }] }, 'pricing.invalid_unit_price'],
    ['a price in yuan', { lines: [{ ...lamb, unitPriceFen: 76.5 }] }, 'pricing.invalid_unit_price'],
    ['a line without farmer', { lines: [{ ...lamb, farmerId: '' }] }, 'pricing.invalid_line'],
    ['the same listing twice', { lines: [lamb, { ...lamb, quantity: 1 }] }, 'pricing.duplicate_listing'],
    ['a bag without weight', { lines: [{ ...millet, unitWeightGrams: null }] }, 'units.invalid_unit_weight'],
    ['a huge line', { lines: [{ ...lamb, unitPriceFen: Number.MAX_SAFE_INTEGER, quantity: 2 }] }, 'pricing.amount_too_large'],
    ['a bad tariff', { tariff: { firstKgFen: -800, extraKgFen: 200 } }, 'shipping.invalid_tariff'],
    ['a bad rate', { commissionRateBp: 12.5 }, 'commission.invalid_rate'],
    ['a bad subsidy', { subsidy: { ...subsidy, validUntil: '2026-13-01' } }, 'subsidy.invalid_policy'],
    ['an instant without zone', { orderedAt: '2026-11-15 12:00' }, 'time.invalid_instant'],
  ])('refuses %s', (_what, overrides, code) => {
    expect(() => priceOrder(order(overrides))).toThrow(expect.objectContaining({ code }))
  })

  it('names the offending line', () => {
    expect(() => priceOrder(order({ lines: [lamb, { ...millet, quantity: -2 }] }))).toThrow(
      expect.objectContaining({ code: 'pricing.invalid_quantity', details: { quantity: -2, lineIndex: 1 } }),
    )
  })
})

describe('priceOrder invariants', () => {
  const line = fc.record({
    listingId: fc.uuid(),
    farmerId: fc.constantFrom('f-1', 'f-2', 'f-3', 'f-4'),
    unitPriceFen: fc.integer({ min: 0, max: 5_000_000 }),
    quantity: fc.integer({ min: 1, max: 500 }),
    unit: fc.constantFrom(...UNITS),
    unitWeightGrams: fc.integer({ min: 1, max: 100_000 }),
  })
  const input = fc.record({
    lines: fc.uniqueArray(line, { minLength: 1, maxLength: 8, selector: (l) => l.listingId }),
    tariff: fc.record({ firstKgFen: fc.integer({ min: 0, max: 5000 }), extraKgFen: fc.integer({ min: 0, max: 2000 }) }),
    subsidy: fc.option(
      fc.record({
        capFenPerOrder: fc.integer({ min: 0, max: 10_000 }),
        validFrom: fc.constantFrom('2026-01-01', '2026-06-01'),
        validUntil: fc.constantFrom('2026-06-30', '2026-12-31'),
      }),
    ),
    commissionRateBp: fc.integer({ min: 0, max: 10_000 }),
    orderedAt: fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2027-01-31T00:00:00Z') }),
  })

  it('adds up, nothing negative, subsidy within shipping and cap, commission within each line', () => {
    fc.assert(
      fc.property(input, (order) => {
        const priced = priceOrder(order)
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

        expect(priced.totalFen).toBe(priced.subtotalFen + priced.shippingFen - priced.subsidyFen)
        expect(priced.subtotalFen).toBe(sum(priced.lines.map((l) => l.lineTotalFen)))
        expect(priced.shippingFen).toBe(sum(priced.parcels.map((p) => p.shippingFen)))
        expect(priced.commissionFen).toBe(sum(priced.lines.map((l) => l.commissionFen)))

        const amounts = [priced.subtotalFen, priced.shippingFen, priced.subsidyFen, priced.totalFen, priced.commissionFen]
        for (const fen of amounts) expect(Number.isSafeInteger(fen) && fen >= 0).toBe(true)

        expect(priced.subsidyFen).toBeLessThanOrEqual(priced.shippingFen)
        expect(priced.subsidyFen).toBeLessThanOrEqual(order.subsidy?.capFenPerOrder ?? 0)
        expect(priced.totalFen).toBeGreaterThanOrEqual(priced.subtotalFen)

        for (const l of priced.lines) {
          expect(l.commissionFen).toBeGreaterThanOrEqual(0)
          expect(l.commissionFen).toBeLessThanOrEqual(l.lineTotalFen)
          expect(l.lineTotalFen).toBe(l.unitPriceFen * l.quantity)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('makes exactly one parcel per farmer, carrying all of its lines and their weight', () => {
    fc.assert(
      fc.property(input, (order) => {
        const priced = priceOrder(order)
        const farmers = new Set(order.lines.map((l) => l.farmerId))
        expect(priced.parcels.map((p) => p.farmerId).sort()).toEqual([...farmers].sort())
        for (const parcel of priced.parcels) {
          const mine = priced.lines.filter((l) => l.farmerId === parcel.farmerId)
          expect(parcel.listingIds).toEqual(mine.map((l) => l.listingId))
          expect(parcel.weightGrams).toBe(mine.reduce((a, l) => a + l.weightGrams, 0))
        }
      }),
    )
  })
})
