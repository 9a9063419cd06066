import { Type } from '@sinclair/typebox'
import { PICKUP_CODE_PATTERN } from '../../src/domain/pickup-code'
import { OrderNumber, Parcel } from './order-schemas'
import { Id, Strict } from './schemas'

/* Parcels, the collection run, the pickup desk and commissions (API.md "Orders", second half). */

const Named = Type.Object({ id: Type.String(), name: Type.String() })

export const ChinaDateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })) }, Strict)
export const MonthQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })) }, Strict)

export const Manifest = Type.Object({
  date: Type.String(),
  villages: Type.Array(Type.Object({ village: Named, parcels: Type.Array(Parcel), parcelCount: Type.Integer(), weightGrams: Type.Integer() })),
})

export const DeskOrder = Type.Object({
  id: Type.String(),
  number: OrderNumber,
  status: Type.String(),
  buyer: Named,
  lines: Type.Array(Type.Object({ listingId: Type.String(), title: Type.String(), quantity: Type.Integer(), unit: Type.String() })),
  parcels: Type.Array(Parcel),
  totalFen: Type.Integer(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
})

/** A short order number as people type it: `1203-017`, `1203017`, with spaces. */
export const PickupsQuery = Type.Object({ number: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, Strict)

export const VerifyInput = Type.Object({ code: Type.String({ pattern: PICKUP_CODE_PATTERN.source }), orderId: Type.Optional(Id) }, Strict)

export const CommissionStatement = Type.Object({
  month: Type.String(),
  items: Type.Array(
    Type.Object({
      orderId: Type.String(),
      listingId: Type.String(),
      title: Type.String(),
      lineTotalFen: Type.Integer(),
      rate: Type.Number(),
      commissionFen: Type.Integer(),
      creditedAt: Type.String(),
      kind: Type.Union([Type.Literal('credit'), Type.Literal('reversal')]),
    }),
  ),
  totalFen: Type.Integer(),
})
