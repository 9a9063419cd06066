/** The units farmers sell in. A jin (斤) is exactly 500 g by the 1959 metric reform. */
import { DomainError } from './errors'

export const UNITS = ['kg', 'jin', 'head', 'liter', 'bag', 'piece'] as const
export type Unit = (typeof UNITS)[number]

/** Units whose weight is fixed by definition; the others carry the listing's own unit weight. */
export const FIXED_UNIT_GRAMS: Readonly<Partial<Record<Unit, number>>> = { kg: 1000, jin: 500 }

export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && (UNITS as readonly string[]).includes(value)
}

/**
 * Shipping weight of one unit. For kg and jin the definition wins over whatever the listing
 * says, so a typo in a kg listing cannot change what a buyer pays to ship it. A head of lamb,
 * a liter of milk or a bag of millet weighs what the farmer declared (a positive whole number
 * of grams, packaging included), because that is what the collection run carries.
 */
export function gramsPerUnit(unit: Unit, unitWeightGrams?: number | null): number {
  if (!isUnit(unit)) throw new DomainError('units.unknown_unit', `Unknown unit: ${String(unit)}`, { unit })
  const fixed = FIXED_UNIT_GRAMS[unit]
  if (fixed !== undefined) return fixed
  if (typeof unitWeightGrams !== 'number' || !Number.isSafeInteger(unitWeightGrams) || unitWeightGrams <= 0) {
    throw new DomainError(
      'units.invalid_unit_weight',
      `A listing sold by the ${unit} needs its weight per ${unit} in whole grams, above zero`,
      { unit, unitWeightGrams },
    )
  }
  return unitWeightGrams
}

/** Weight of an order line: `quantity` (a positive whole number of units) × grams per unit. */
export function lineWeightGrams(unit: Unit, unitWeightGrams: number | null | undefined, quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new DomainError('units.invalid_quantity', 'A quantity is a whole number of units, at least 1', { quantity })
  }
  const grams = gramsPerUnit(unit, unitWeightGrams) * quantity
  if (!Number.isSafeInteger(grams)) {
    throw new DomainError('units.weight_too_large', 'That line is too heavy to weigh exactly', { unit, quantity })
  }
  return grams
}
