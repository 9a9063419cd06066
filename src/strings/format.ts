/* How money, units and errors read in the buyer's language. */
import type { ApiError } from '../api/api-error'
import type { Role } from '../api/types'
import type { Category } from '../domain/catalog'
import { formatYuan } from '../domain/money'
import type { Unit } from '../domain/units'
import { strings } from './index'

export const unitLabel = (unit: Unit): string => strings.units[unit] ?? unit
export const categoryLabel = (category: Category): string => strings.categories[category] ?? category
export const roleLabel = (role: Role): string => strings.roles[role] ?? role

/** '¥38.00/斤' */
export function pricePerUnit(priceFen: number, unit: Unit): string {
  return strings.listing.pricePerUnit(formatYuan(priceFen), unitLabel(unit))
}

/** '库存 12 斤', or '已售罄' once the last unit is sold. */
export function stockLabel(stock: number, unit: Unit): string {
  return stock > 0 ? strings.listing.stock(stock, unitLabel(unit)) : strings.listing.soldOut
}

/** '2.5' kilograms, one decimal: what someone carrying or loading a parcel wants to know. */
export const kilograms = (grams: number): string => (Math.round(grams / 100) / 10).toFixed(1)

/** A sentence for the buyer; the server's own message is for developers and may be English. */
export function describeError(error: ApiError | null | undefined): string {
  if (!error) return strings.errors.fallback
  return strings.errors[error.code] ?? strings.errors.fallback
}
