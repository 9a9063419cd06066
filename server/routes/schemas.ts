import { type TSchema, Type } from '@sinclair/typebox'
import { CATEGORIES } from '../../src/domain/catalog'
import {
  LISTING_DESCRIPTION_MAX_LENGTH,
  LISTING_PHOTOS_MAX,
  LISTING_PHOTOS_MIN,
  LISTING_PRICE_MAX_FEN,
  LISTING_PRICE_MIN_FEN,
  LISTING_STOCK_MAX,
  LISTING_STOCK_MIN,
  LISTING_TITLE_MAX_LENGTH,
  LISTING_UNIT_WEIGHT_MAX_GRAMS,
  LISTING_UNIT_WEIGHT_MIN_GRAMS,
} from '../../src/domain/listing-limits'
import { UNITS } from '../../src/domain/units'
import { ID_PATTERN } from '../ids'
import { MULTILINE_TEXT, OPTIONAL_BODY } from '../http/validation'

/* The shapes of API.md as JSON Schema: they validate requests, serialize responses and
   generate /api/v1/openapi.json. Request objects refuse unknown fields. */

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: ID_PATTERN.source })

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'Error' },
)

const errorRef = Type.Ref('Error')
/** The error answers a route may give, all in the one error shape; every route reads the
 *  database, so every route may answer 503 DATABASE_UNAVAILABLE while it is away. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries([...statuses, 503].map((status) => [status, errorRef]))
}

export const Role = Type.Union(['buyer', 'farmer', 'operator', 'county_staff', 'admin'].map((r) => Type.Literal(r)))

export const User = Type.Object({
  id: Type.String(),
  role: Role,
  name: Type.String(),
  villageId: Type.Optional(Type.String()),
  countyId: Type.Optional(Type.String()),
  farmerId: Type.Optional(Type.String()),
})

export const SignedIn = Type.Object({ token: Type.String(), user: User })

export const Category = Type.Union(CATEGORIES.map((c) => Type.Literal(c)))
export const Unit = Type.Union(UNITS.map((u) => Type.Literal(u)))

export const Photo = Type.Object({
  id: Type.String(),
  url: Type.String(),
  thumbUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
})

const Named = Type.Object({ id: Type.String(), name: Type.String() })

export const Listing = Type.Object({
  id: Type.String(),
  title: Type.String(),
  category: Category,
  unit: Unit,
  unitWeightGrams: Type.Integer(),
  priceFen: Type.Integer(),
  stock: Type.Integer(),
  soldOut: Type.Boolean(),
  status: Type.String(),
  description: Type.String(),
  photos: Type.Array(Photo),
  farmer: Named,
  village: Named,
  listedBy: Type.Optional(Named),
  rejectionReason: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const County = Type.Object({ id: Type.String(), name: Type.String() })

export const Village = Type.Object({
  id: Type.String(),
  countyId: Type.String(),
  name: Type.String(),
  serviceCenterAddress: Type.String(),
})

export const PickupPoint = Type.Object({
  id: Type.String(),
  countyId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  openingHours: Type.Object({
    opens: Type.String(),
    closes: Type.String(),
    closedWeekdays: Type.Array(Type.Integer({ minimum: 0, maximum: 6 })),
  }),
})

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
}

/** `?limit=&cursor=` as API.md pages lists: limit ≤ 100. */
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  // base64url, as the server gives it out (services/page-cursor.ts reads what is inside).
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' })),
}

export const Strict = { additionalProperties: false } as const

/** No fields: the body may be absent or `{}`, and anything in it is refused. */
export const NoBody = Type.Object({}, { ...Strict, [OPTIONAL_BODY]: true })

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

export const Farmer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  villageId: Type.String(),
  hasAccount: Type.Boolean(),
})

export const ListingEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.String(), name: Type.String() }),
  action: Type.Union(['created', 'edited', 'approved', 'rejected', 'withdrawn'].map((a) => Type.Literal(a))),
  fromStatus: Type.Union([Type.String(), Type.Null()]),
  toStatus: Type.String(),
  reason: Type.Optional(Type.String()),
  changedFields: Type.Optional(Type.Array(Type.String())),
})
