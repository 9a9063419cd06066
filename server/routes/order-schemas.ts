import { Type } from '@sinclair/typebox'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../src/domain/order-lines'
import { ORDER_STATUSES } from '../../src/domain/order-status'
import { PARCEL_STATUSES } from '../../src/domain/parcel-status'
import { AfterSaleCase } from './case-schemas'
import { Id, PickupPoint, Strict, Unit } from './schemas'

/* Orders, quotes and payments as JSON Schema (API.md "Orders"; the app's src/api/order-types.ts). */

const Named = Type.Object({ id: Type.String(), name: Type.String() })
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Fen = Type.Integer()

export const OrderInput = Type.Object(
  {
    lines: Type.Array(Type.Object({ listingId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }) }, Strict), { minItems: 1, maxItems: MAX_ORDER_LINES }),
    pickupPointId: Id,
  },
  Strict,
)

/** POST /orders: the order, and the total the buyer was shown (optional: older apps send none). */
export const PlaceOrderInput = Type.Object(
  { ...OrderInput.properties, expectedTotalFen: Type.Optional(Type.Integer({ minimum: 0, description: 'the total the buyer saw; another total now is a 409 PRICE_CHANGED with the new quote' })) },
  Strict,
)

const PickupEstimate = Type.Object({ collectionRunDate: Type.String(), pickupDate: Type.String(), readyFrom: Type.String(), readyUntil: Type.String() })

export const OrderNumber = Type.Union([Type.String({ description: 'the short number people read, such as 1203-017: the collection run’s month and day and the county’s sequence; null until paid' }), Type.Null()])

export const Parcel = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  /** Its order's short number. */
  number: OrderNumber,
  status: literals(PARCEL_STATUSES),
  farmer: Named,
  village: Named,
  lines: Type.Array(Type.Object({ listingId: Type.String(), title: Type.String(), quantity: Type.Integer(), unit: Unit })),
  weightGrams: Type.Integer(),
  shippingFen: Fen,
  /** The collection run it travels on, once the order is paid. */
  collectionRunDate: Type.Union([Type.String(), Type.Null()]),
  /** Until when the person asking may undo their last step on it (POST /parcels/:id/undo); absent when they may not. */
  undoUntil: Type.Optional(Type.String()),
})

export const Order = Type.Object({
  id: Type.String(),
  number: OrderNumber,
  status: literals(ORDER_STATUSES),
  lines: Type.Array(
    Type.Object({
      listingId: Type.String(),
      title: Type.String(),
      quantity: Type.Integer(),
      unit: Unit,
      unitPriceFen: Fen,
      lineTotalFen: Fen,
      farmer: Named,
      thumbUrl: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  subtotalFen: Fen,
  shippingFen: Fen,
  subsidyFen: Fen,
  totalFen: Fen,
  pickupPointId: Type.String(),
  pickupPoint: PickupPoint,
  createdAt: Type.String(),
  expiresAt: Type.String(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
  pickup: Type.Union([PickupEstimate, Type.Null()]),
  pickupCode: Type.Optional(Type.String()),
  parcels: Type.Array(Parcel),
  timeline: Type.Array(Type.Object({ kind: Type.String(), at: Type.String(), parcelId: Type.Optional(Type.String()), farmer: Type.Optional(Named) })),
  canCancel: Type.Boolean(),
  refund: Type.Optional(Type.Object({ status: literals(['pending', 'succeeded']), amountFen: Fen })),
  cases: Type.Array(AfterSaleCase),
})

export const Quote = Type.Object({
  lines: Type.Array(
    Type.Object({
      listingId: Type.String(),
      title: Type.String(),
      unit: Unit,
      unitPriceFen: Fen,
      quantity: Type.Integer(),
      stock: Type.Integer(),
      available: Type.Boolean(),
      lineTotalFen: Fen,
      farmer: Named,
      village: Named,
      thumbUrl: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  parcels: Type.Array(Type.Object({ farmer: Named, village: Named, weightGrams: Type.Integer(), shippingFen: Fen })),
  subtotalFen: Fen,
  shippingFen: Fen,
  subsidyFen: Fen,
  totalFen: Fen,
  pickupPoint: PickupPoint,
  pickup: PickupEstimate,
})

export const PaymentRequest = Type.Object({ provider: Type.Union([Type.Literal('wechat'), Type.Literal('sandbox')]) }, Strict)

export const PaymentStart = Type.Object({
  paymentId: Type.String(),
  provider: Type.String(),
  timeStamp: Type.Optional(Type.String()),
  nonceStr: Type.Optional(Type.String()),
  package: Type.Optional(Type.String()),
  signType: Type.Optional(Type.String()),
  paySign: Type.Optional(Type.String()),
})
