import fc from 'fast-check'
import { DomainError } from '../../src/domain/errors'
import { MAX_LINE_QUANTITY, mergeOrderLines } from '../../src/domain/order-lines'

describe('mergeOrderLines', () => {
  it('adds up two lines of one listing and keeps the order listings were first named in', () => {
    expect(
      mergeOrderLines([
        { listingId: 'lamb', quantity: 6 },
        { listingId: 'milk', quantity: 1 },
        { listingId: 'lamb', quantity: 6 },
      ]),
    ).toEqual([
      { listingId: 'lamb', quantity: 12 },
      { listingId: 'milk', quantity: 1 },
    ])
  })

  it.each([0, -1, 1.5, Number.NaN, 2 ** 60])('refuses the quantity %p', (quantity) => {
    expect(() => mergeOrderLines([{ listingId: 'lamb', quantity }])).toThrow(DomainError)
  })

  it('refuses an empty order and a merged quantity over the limit', () => {
    expect(() => mergeOrderLines([])).toThrow(expect.objectContaining({ code: 'order.empty' }))
    expect(() =>
      mergeOrderLines([
        { listingId: 'lamb', quantity: MAX_LINE_QUANTITY },
        { listingId: 'lamb', quantity: 1 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'order.quantity_too_large' }))
  })

  it('keeps the total quantity of every listing', () => {
    const line = fc.record({ listingId: fc.constantFrom('a', 'b', 'c'), quantity: fc.integer({ min: 1, max: 100 }) })
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const merged = mergeOrderLines(lines)
        expect(new Set(merged.map((l) => l.listingId)).size).toBe(merged.length)
        for (const { listingId, quantity } of merged) {
          expect(quantity).toBe(lines.filter((l) => l.listingId === listingId).reduce((sum, l) => sum + l.quantity, 0))
        }
      }),
    )
  })
})
