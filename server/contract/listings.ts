import { type Static, Type } from '@sinclair/typebox'
import { CATEGORIES } from '../../src/domain/catalog'
import type { ListingStatus } from '../../src/domain/listing-status'
import { UNITS } from '../../src/domain/units'
import { Id, literals, MULTILINE_TEXT, Named, Paging, Photo, Strict, stringOf } from './common'

/* Listings: the catalog, the farmer's and the cun xiao'er's changes, the village's farmers. */

export const Category = literals(CATEGORIES)
export const Unit = literals(UNITS)

export const Listing = Type.Object({
  id: Type.String(),
  title: Type.String(),
  category: Category,
  unit: Unit,
  unitWeightGrams: Type.Integer(),
  priceFen: Type.Integer(),
  stock: Type.Integer(),
  soldOut: Type.Boolean(),
  status: stringOf<ListingStatus>(),
  description: Type.String(),
  photos: Type.Array(Photo),
  farmer: Named,
  village: Named,
  listedBy: Type.Optional(Named),
  rejectionReason: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type Listing = Static<typeof Listing>

/** GET /listings: the catalog's filters and paging. */
export const ListingQuery = Type.Object(
  {
    category: Type.Optional(Category),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    villageId: Type.Optional(Id),
    countyId: Type.Optional(Id),
    ...Paging,
  },
  Strict,
)
export type ListingQuery = Static<typeof ListingQuery>

/** What a farmer or operator may set on a listing; nothing else (no status, no village). */
export const listingFieldSchemas = {
  title: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' }),
  category: Category,
  unit: Unit,
  unitWeightGrams: Type.Integer({ minimum: 1, maximum: 200_000 }),
  priceFen: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  photoIds: Type.Array(Id, { minItems: 1, maxItems: 9 }),
  description: Type.String({ maxLength: 1000, [MULTILINE_TEXT]: true }),
}

/** Every field of a listing, as a farmer (or the operator for them) fills them in. */
export const ListingFields = Type.Object(listingFieldSchemas)
export type ListingFields = Static<typeof ListingFields>

/** POST /listings: the fields (description may be left out) and, from an operator, whose goods. */
export const NewListingInput = Type.Object({ ...listingFieldSchemas, description: Type.Optional(listingFieldSchemas.description), farmerId: Type.Optional(Id) }, Strict)
export type NewListingInput = Static<typeof NewListingInput>

/** PATCH /listings/:id: any of the fields, at least one. */
export const ListingEdit = Type.Partial(Type.Object(listingFieldSchemas), { ...Strict, minProperties: 1 })
export type ListingEdit = Static<typeof ListingEdit>

/** POST /listings/:id/reject. */
export const RejectInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', [MULTILINE_TEXT]: true }) }, Strict)
export type RejectInput = Static<typeof RejectInput>

/** GET /listings/counts: live listings per category (the home page shelves). */
export const ListingCounts = Type.Object({ counts: Type.Record(Type.String(), Type.Integer()) })

/** A farmer of the operator's village; `hasAccount` false means no phone: the operator lists for them. */
export const Farmer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  villageId: Type.String(),
  hasAccount: Type.Boolean(),
})
export type Farmer = Static<typeof Farmer>

/** POST /farmers: a farmer without a phone of their own, or with one. */
export const NewFarmerInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' }),
    // Mainland mobile numbers: 11 digits starting with 1.
    phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
  },
  Strict,
)
export type NewFarmerInput = Static<typeof NewFarmerInput>

export const LISTING_ACTIONS = ['created', 'edited', 'approved', 'rejected', 'withdrawn'] as const
export type ListingAction = (typeof LISTING_ACTIONS)[number]

/** One line of GET /listings/:id/history. */
export const ListingEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.String(), name: Type.String() }),
  action: literals(LISTING_ACTIONS),
  fromStatus: Type.Union([stringOf<ListingStatus>(), Type.Null()]),
  toStatus: stringOf<ListingStatus>(),
  reason: Type.Optional(Type.String()),
  changedFields: Type.Optional(Type.Array(Type.String())),
})
export type ListingEvent = Static<typeof ListingEvent>
