import type { AfterSaleCase } from './case-types'
import type { Unit } from '../domain/units'
import type { Named, PickupPoint } from './types'

/* Orders and payments as the server sends them (API.md, "Orders"), with the fields Xiangji adds:
   the pickup point itself, when the order can be collected, the timeline, and whether the buyer
   may still cancel. */

export type OrderStatus = 'pending_payment' | 'paid' | 'ready_for_pickup' | 'picked_up' | 'expired' | 'cancelled'
export type ParcelStatus = 'awaiting_collection' | 'collected' | 'received' | 'cancelled'

export interface OrderLineInput {
  listingId: string
  /** A positive whole number of the listing's unit. */
  quantity: number
}

/** POST /orders (with an Idempotency-Key header) and POST /orders/quote. */
export interface OrderInput {
  lines: OrderLineInput[]
  pickupPointId: string
}

/** POST /orders: with the total the buyer was shown, so a price changed since is asked again
 *  (409 PRICE_CHANGED, whose details carry the new quote) instead of charged. */
export interface PlaceOrderInput extends OrderInput {
  expectedTotalFen?: number
}

/** The details of 409 PRICE_CHANGED. */
export interface PriceChangedDetails {
  expectedTotalFen?: number
  totalFen: number
  /** What POST /orders/quote answers now, for the lines of the refused order. */
  quote: Quote
}

/** When the order can be collected at the county center, if paid now (quote) or when it was paid. */
export interface PickupEstimate {
  collectionRunDate: string
  pickupDate: string
  readyFrom: string
  readyUntil: string
}

export interface OrderLine {
  listingId: string
  title: string
  quantity: number
  unit: Unit
  unitPriceFen: number
  lineTotalFen: number
  farmer: Named
  thumbUrl: string | null
}

export interface ParcelLine {
  listingId: string
  title: string
  quantity: number
  unit: Unit
}

/** One farmer's share of an order. */
export interface Parcel {
  id: string
  orderId: string
  /** Its order's short number (`1203-017`), once paid. */
  number: string | null
  status: ParcelStatus
  farmer: Named
  village: Named
  lines: ParcelLine[]
  weightGrams: number
  shippingFen: number
  /** The collection run (China date) it travels on, once the order is paid. */
  collectionRunDate: string | null
  /** Until when the person asking may undo their last step on it (ISO UTC); absent otherwise. */
  undoUntil?: string
}

export type OrderEventKind = 'placed' | 'paid' | 'parcel_collected' | 'parcel_received' | 'parcel_collect_undone' | 'parcel_receive_undone' | 'ready_for_pickup' | 'picked_up' | 'expired' | 'cancelled' | 'refunded'

/** One step of the order's timeline, oldest first; parcel steps name the parcel and its farmer. */
export interface OrderEvent {
  kind: OrderEventKind
  at: string
  parcelId?: string
  farmer?: Named
}

export interface Refund {
  status: 'pending' | 'succeeded'
  amountFen: number
}

export interface Order {
  id: string
  /** The short number people read (`1203-017`): the collection run's month and day and the
   *  county's sequence. Given at payment: null while unpaid. `id` stays the key. */
  number: string | null
  status: OrderStatus
  lines: OrderLine[]
  subtotalFen: number
  shippingFen: number
  subsidyFen: number
  totalFen: number
  pickupPointId: string
  pickupPoint: PickupPoint
  createdAt: string
  /** Unpaid orders expire then and give their stock back. */
  expiresAt: string
  paidAt: string | null
  /** Once paid: when it can be collected. */
  pickup: PickupEstimate | null
  /** The 6-digit pickup code, shown to the buyer once paid. */
  pickupCode?: string
  parcels: Parcel[]
  timeline: OrderEvent[]
  /** The buyer may cancel now (unpaid, or paid with every parcel still with its farmer). */
  canCancel: boolean
  refund?: Refund
  /** After-sale cases on its lines (售后), oldest first; absent from servers before them. */
  cases?: AfterSaleCase[]
}

/** A line of a quote: the listing as it is now, and whether this quantity can be had. */
export interface QuoteLine {
  listingId: string
  title: string
  unit: Unit
  unitPriceFen: number
  quantity: number
  stock: number
  /** Live and with stock for this quantity; only available lines are priced. */
  available: boolean
  lineTotalFen: number
  farmer: Named
  village: Named
  thumbUrl: string | null
}

export interface QuoteParcel {
  farmer: Named
  village: Named
  weightGrams: number
  shippingFen: number
}

/** POST /orders/quote: what the order would cost now, priced by the same rules as the order. */
export interface Quote {
  lines: QuoteLine[]
  parcels: QuoteParcel[]
  subtotalFen: number
  shippingFen: number
  subsidyFen: number
  totalFen: number
  pickupPoint: PickupPoint
  /** If paid now. */
  pickup: PickupEstimate
}

export type PaymentProviderName = 'wechat' | 'sandbox'

/** POST /orders/:id/payments. For wechat, the fields of wx.requestPayment. */
export interface PaymentStart {
  paymentId: string
  provider: PaymentProviderName
  timeStamp?: string
  nonceStr?: string
  package?: string
  signType?: 'RSA'
  paySign?: string
}
