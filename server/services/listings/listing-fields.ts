import type { Category } from '../../../src/domain/catalog'
import type { Unit } from '../../../src/domain/units'

/* What a farmer fills in for a listing: what creating one takes and editing one changes, and
   what a request sent again is compared by. A module of its own so commands and replay both
   read it without importing each other. */
export interface ListingFields {
  title: string
  category: Category
  unit: Unit
  unitWeightGrams: number
  priceFen: number
  stock: number
  photoIds: string[]
  description: string
}
