import { type Static, Type } from '@sinclair/typebox'
import { CATEGORIES } from '../../src/domain/catalog'
import {
  LISTING_DESCRIPTION_MAX_LENGTH,
  LISTING_PHOTOS_MAX,
  LISTING_PHOTOS_MIN,
  LISTING_PRICE_MAX_FEN,
  LISTING_PRICE_MIN_FEN,
  LISTING_REJECTION_REASON_MAX_LENGTH,
  LISTING_STOCK_MAX,
  LISTING_STOCK_MIN,
  LISTING_TITLE_MAX_LENGTH,
  LISTING_UNIT_WEIGHT_MAX_GRAMS,
  LISTING_UNIT_WEIGHT_MIN_GRAMS,
} from '../../src/domain/listing-limits'
import type { ListingStatus } from '../../src/domain/listing-status'
import { CHECKED_TEXT_FIELDS, PHOTO_CHECKS, TEXT_CHECKS } from '../../src/domain/content-check'
import { MOBILE_NUMBER_PATTERN, PERSON_NAME_MAX_LENGTH } from '../../src/domain/people'
import { UNITS } from '../../src/domain/units'
import { Id, literals, MULTILINE_TEXT, Named, Paging, Photo, Strict, stringOf } from './common'

/* Listings: the catalog, the farmer's and the cun xiao'er's changes, the village's farmers. */

export const Category = literals(CATEGORIES)
export const Unit = literals(UNITS)

/** A listing's content checks: its text as a whole and field by field (only the flagged
 *  fields), and each photo's verdict in the listing's order. */
export const ContentCheck = Type.Object({
  text: literals(TEXT_CHECKS),
  textFlags: Type.Array(Type.Object({ field: literals(CHECKED_TEXT_FIELDS), check: literals(['review', 'unchecked'] as const) })),
  photos: Type.Array(Type.Object({ photoId: Type.String(), check: literals(PHOTO_CHECKS) })),
})
export type ContentCheck = Static<typeof ContentCheck>

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
  /** Why WeChat's content check hid it (status `hidden`): `content.photo_risky`. */
  hiddenReason: Type.Optional(Type.String()),
  /** For its farmer and operator only: how WeChat's content security found it. */
  contentCheck: Type.Optional(ContentCheck),
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
  title: Type.String({ minLength: 1, maxLength: LISTING_TITLE_MAX_LENGTH, pattern: '\\S' }),
  category: Category,
  unit: Unit,
  unitWeightGrams: Type.Integer({ minimum: LISTING_UNIT_WEIGHT_MIN_GRAMS, maximum: LISTING_UNIT_WEIGHT_MAX_GRAMS }),
  priceFen: Type.Integer({ minimum: LISTING_PRICE_MIN_FEN, maximum: LISTING_PRICE_MAX_FEN }),
  stock: Type.Integer({ minimum: LISTING_STOCK_MIN, maximum: LISTING_STOCK_MAX }),
  photoIds: Type.Array(Id, { minItems: LISTING_PHOTOS_MIN, maxItems: LISTING_PHOTOS_MAX }),
  description: Type.String({ maxLength: LISTING_DESCRIPTION_MAX_LENGTH, [MULTILINE_TEXT]: true }),
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
export const RejectInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: LISTING_REJECTION_REASON_MAX_LENGTH, pattern: '\\S', [MULTILINE_TEXT]: true }) }, Strict)
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
  /** How WeChat found the name when it was typed: `review` or `unchecked` flag it for a second look. */
  nameCheck: Type.Optional(literals(TEXT_CHECKS)),
})
export type Farmer = Static<typeof Farmer>

/** POST /farmers: a farmer without a phone of their own, or with one. */
export const NewFarmerInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH, pattern: '\\S' }),
    phone: Type.Optional(Type.String({ pattern: MOBILE_NUMBER_PATTERN.source })),
  },
  Strict,
)
export type NewFarmerInput = Static<typeof NewFarmerInput>

export const LISTING_ACTIONS = ['created', 'edited', 'approved', 'rejected', 'withdrawn', 'hidden'] as const
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
