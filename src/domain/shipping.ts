/**
 * Shipping from the village to the county center, per parcel (one parcel per farmer), priced
 * by the county's tariff like a courier's: the first kilogram, or any part of it, costs
 * `firstKgFen`; each further kilogram started costs `extraKgFen`.
 */
import { DomainError } from './errors'
import { isFen, type Fen } from './money'

export interface ShippingTariff {
  firstKgFen: Fen
  extraKgFen: Fen
}

const GRAMS_PER_KG = 1000

export function assertShippingTariff(tariff: ShippingTariff): void {
  if (!tariff || !isFen(tariff.firstKgFen) || !isFen(tariff.extraKgFen)) {
    throw new DomainError('shipping.invalid_tariff', 'A shipping tariff has whole, non-negative fen for the first and each extra kg', {
      tariff,
    })
  }
}

/** Kilograms begun: 1 g → 1, 1000 g → 1, 1001 g → 2. */
export function startedKilograms(weightGrams: number): number {
  if (!Number.isSafeInteger(weightGrams) || weightGrams < 0) {
    throw new DomainError('shipping.invalid_weight', 'A weight is a whole, non-negative number of grams', { weightGrams })
  }
  const remainder = weightGrams % GRAMS_PER_KG
  return (weightGrams - remainder) / GRAMS_PER_KG + (remainder > 0 ? 1 : 0)
}

/**
 * Shipping of one parcel: 2 300 g at 800 + 200 → 800 + 2 × 200 = 1 200 fen. A real parcel
 * always weighs something; a 0 g parcel (nothing to carry) costs 0 fen rather than a first kg.
 */
export function parcelShippingFen(weightGrams: number, tariff: ShippingTariff): Fen {
  assertShippingTariff(tariff)
  const kilograms = startedKilograms(weightGrams)
  if (kilograms === 0) return 0
  const fen = tariff.firstKgFen + (kilograms - 1) * tariff.extraKgFen
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError('shipping.invalid_weight', 'That parcel is too heavy to price exactly', { weightGrams })
  }
  return fen
}
