import { type Static, Type } from '@sinclair/typebox'
import { PICKUP_CODE_PATTERN } from '../../src/domain/pickup-code'
import type { Unit } from '../../src/domain/units'
import { Id, Named, Strict, stringOf } from './common'
import { OrderNumber, Parcel } from './orders'

/* Parcels, the collection run, the pickup desk and commissions (API.md "Orders", second half). */

export const ChinaDateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })) }, Strict)
export const MonthQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })) }, Strict)

/** GET /village/parcels?date=: what the operator's village hands to that day's collection run,
 *  and when the farmers' goods for it are due at the service center (ISO UTC). */
export const VillageRun = Type.Object({ date: Type.String(), handInBy: Type.String({ format: 'date-time' }), items: Type.Array(Parcel), nextCursor: Type.Null() })
export type VillageRun = Static<typeof VillageRun>

export const ManifestVillage = Type.Object({ village: Named, parcels: Type.Array(Parcel), parcelCount: Type.Integer(), weightGrams: Type.Integer() })
export type ManifestVillage = Static<typeof ManifestVillage>

/** GET /county/manifest?date=: the collection run, village by village (collected and received parcels). */
export const Manifest = Type.Object({
  date: Type.String(),
  villages: Type.Array(ManifestVillage),
})
export type Manifest = Static<typeof Manifest>

export const DeskOrderLine = Type.Object({ listingId: Type.String(), title: Type.String(), quantity: Type.Integer(), unit: stringOf<Unit>() })
export type DeskOrderLine = Static<typeof DeskOrderLine>

/** An order as the county center's desk sees it: whom to hand what. */
export const DeskOrder = Type.Object({
  id: Type.String(),
  number: OrderNumber,
  status: Type.String(),
  buyer: Named,
  lines: Type.Array(DeskOrderLine),
  parcels: Type.Array(Parcel),
  totalFen: Type.Integer(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
})
export type DeskOrder = Static<typeof DeskOrder>

/** A short order number as people type it: `1203-017`, `1203017`, with spaces. */
export const PickupsQuery = Type.Object({ number: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, Strict)

/** POST /pickups/verify: the code typed, or the order id and code read from the buyer's QR code. */
export const VerifyInput = Type.Object({ code: Type.String({ pattern: PICKUP_CODE_PATTERN.source }), orderId: Type.Optional(Id) }, Strict)
export type PickupVerifyInput = Static<typeof VerifyInput>

/** One order line's commission, or its reversal (negative) when a picked-up order was refunded;
 *  `rate` is a fraction: 0.05 is 5 %. */
export const CommissionEntry = Type.Object({
  orderId: Type.String(),
  listingId: Type.String(),
  title: Type.String(),
  lineTotalFen: Type.Integer(),
  rate: Type.Number(),
  commissionFen: Type.Integer(),
  creditedAt: Type.String(),
  kind: Type.Union([Type.Literal('credit'), Type.Literal('reversal')]),
})
export type CommissionEntry = Static<typeof CommissionEntry>
export type CommissionKind = CommissionEntry['kind']

/** GET /operator/commissions?month=YYYY-MM */
export const CommissionStatement = Type.Object({
  month: Type.String(),
  items: Type.Array(CommissionEntry),
  totalFen: Type.Integer(),
})
export type CommissionStatement = Static<typeof CommissionStatement>

/** GET /county/shipping-uploads: the county's orders whose shipping information WeChat did not take. */
export const StuckShippingUpload = Type.Object({
  orderId: Type.String(),
  orderNumber: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  since: Type.String({ format: 'date-time' }),
  /** When WeChat last refused it. */
  lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type StuckShippingUpload = Static<typeof StuckShippingUpload>
