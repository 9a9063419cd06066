import { type Static, Type } from '@sinclair/typebox'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../src/domain/order-lines'
import { ORDER_STATUSES } from '../../src/domain/order-status'
import { PARCEL_STATUSES } from '../../src/domain/parcel-status'
import { AfterSaleCase } from './cases'
import { Id, literals, Named, Strict, stringOf } from './common'
import { Unit } from './listings'
import { PickupPoint } from './places'

/* Orders, quotes and payments (API.md "Orders"), with the fields Xiangji adds: the pickup point
   itself, when the order can be collected, the timeline, and whether the buyer may still cancel. */

const Fen = Type.Integer()

export const OrderInput = Type.Object(
  {
    lines: Type.Array(Type.Object({ listingId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }) }, Strict), { minItems: 1, maxItems: MAX_ORDER_LINES }),
    pickupPointId: Id,
  },
  Strict,
)
/** POST /orders/quote, and POST /orders without the total. */
export type OrderInput = Static<typeof OrderInput>
export type OrderLineInput = OrderInput['lines'][number]

/** POST /orders: the order, and the total the buyer was shown (optional: older apps send none). */
export const PlaceOrderInput = Type.Object(
  { ...OrderInput.properties, expectedTotalFen: Type.Optional(Type.Integer({ minimum: 0, description: 'the total the buyer saw; another total now is a 409 PRICE_CHANGED with the new quote' })) },
  Strict,
)
export type PlaceOrderInput = Static<typeof PlaceOrderInput>

/** When the order can be collected at the county center, if paid now (quote) or when it was paid. */
export const PickupEstimate = Type.Object({ collectionRunDate: Type.String(), pickupDate: Type.String(), readyFrom: Type.String(), readyUntil: Type.String() })
export type PickupEstimate = Static<typeof PickupEstimate>

export const OrderNumber = Type.Union([Type.String({ description: 'the short number people read, such as 1203-017: the collection run’s month and day and the county’s sequence; null until paid' }), Type.Null()])

export const ParcelLine = Type.Object({ listingId: Type.String(), title: Type.String(), quantity: Type.Integer(), unit: Unit })
export type ParcelLine = Static<typeof ParcelLine>

/** One farmer's share of an order. */
export const Parcel = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  /** Its order's short number. */
  number: OrderNumber,
  status: literals(PARCEL_STATUSES),
  farmer: Named,
  village: Named,
  lines: Type.Array(ParcelLine),
  weightGrams: Type.Integer(),
  shippingFen: Fen,
  /** The collection run it travels on, once the order is paid. */
  collectionRunDate: Type.Union([Type.String(), Type.Null()]),
  /** Until when the person asking may undo their last step on it (POST /parcels/:id/undo); absent when they may not. */
  undoUntil: Type.Optional(Type.String()),
})
export type Parcel = Static<typeof Parcel>

export type OrderEventKind = 'placed' | 'paid' | 'parcel_collected' | 'parcel_received' | 'parcel_collect_undone' | 'parcel_receive_undone' | 'ready_for_pickup' | 'picked_up' | 'expired' | 'cancelled' | 'refunded'

export const OrderLine = Type.Object({
  listingId: Type.String(),
  title: Type.String(),
  quantity: Type.Integer(),
  unit: Unit,
  unitPriceFen: Fen,
  lineTotalFen: Fen,
  farmer: Named,
  thumbUrl: Type.Union([Type.String(), Type.Null()]),
})
export type OrderLine = Static<typeof OrderLine>

/** One step of the order's timeline, oldest first; parcel steps name the parcel and its farmer. */
export const OrderEvent = Type.Object({ kind: stringOf<OrderEventKind>(), at: Type.String(), parcelId: Type.Optional(Type.String()), farmer: Type.Optional(Named) })
export type OrderEvent = Static<typeof OrderEvent>

export const Refund = Type.Object({ status: literals(['pending', 'succeeded'] as const), amountFen: Fen })
export type Refund = Static<typeof Refund>

export const Order = Type.Object({
  id: Type.String(),
  number: OrderNumber,
  status: literals(ORDER_STATUSES),
  lines: Type.Array(OrderLine),
  subtotalFen: Fen,
  shippingFen: Fen,
  subsidyFen: Fen,
  totalFen: Fen,
  pickupPointId: Type.String(),
  pickupPoint: PickupPoint,
  createdAt: Type.String(),
  /** Unpaid orders expire then and give their stock back. */
  expiresAt: Type.String(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
  pickup: Type.Union([PickupEstimate, Type.Null()]),
  /** The 6-digit pickup code, shown to the buyer once paid. */
  pickupCode: Type.Optional(Type.String()),
  parcels: Type.Array(Parcel),
  timeline: Type.Array(OrderEvent),
  /** The buyer may cancel now (unpaid, or paid with every parcel still with its farmer). */
  canCancel: Type.Boolean(),
  refund: Type.Optional(Refund),
  /** After-sale cases on its lines (售后), oldest first. */
  cases: Type.Array(AfterSaleCase),
})
export type Order = Static<typeof Order>

/** A line of a quote: the listing as it is now, and whether this quantity can be had (only available lines are priced). */
export const QuoteLine = Type.Object({
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
})
export type QuoteLine = Static<typeof QuoteLine>

export const QuoteParcel = Type.Object({ farmer: Named, village: Named, weightGrams: Type.Integer(), shippingFen: Fen })
export type QuoteParcel = Static<typeof QuoteParcel>

/** POST /orders/quote: what the order would cost now, priced by the same rules as the order. */
export const Quote = Type.Object({
  lines: Type.Array(QuoteLine),
  parcels: Type.Array(QuoteParcel),
  subtotalFen: Fen,
  shippingFen: Fen,
  subsidyFen: Fen,
  totalFen: Fen,
  pickupPoint: PickupPoint,
  /** If paid now. */
  pickup: PickupEstimate,
})
export type Quote = Static<typeof Quote>

export const PaymentRequest = Type.Object({ provider: Type.Union([Type.Literal('wechat'), Type.Literal('sandbox')]) }, Strict)
export type PaymentProviderName = Static<typeof PaymentRequest>['provider']

/** POST /orders/:id/payments. For wechat, the fields of wx.requestPayment. */
export const PaymentStart = Type.Object({
  paymentId: Type.String(),
  provider: stringOf<PaymentProviderName>(),
  timeStamp: Type.Optional(Type.String()),
  nonceStr: Type.Optional(Type.String()),
  package: Type.Optional(Type.String()),
  signType: Type.Optional(stringOf<'RSA'>()),
  paySign: Type.Optional(Type.String()),
})
export type PaymentStart = Static<typeof PaymentStart>
