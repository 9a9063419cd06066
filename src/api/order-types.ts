import type { Quote } from '../../server/contract/orders'

/* Orders and payments as the server sends them (API.md, "Orders"): types of the server's
   contract only (see ./types.ts). */

export type {
  Order,
  OrderEvent,
  OrderEventKind,
  OrderInput,
  OrderLine,
  OrderLineInput,
  Parcel,
  ParcelLine,
  PaymentProviderName,
  PaymentStart,
  PickupEstimate,
  PlaceOrderInput,
  Quote,
  QuoteLine,
  QuoteParcel,
  Refund,
} from '../../server/contract/orders'
export type { OrderStatus } from '../domain/order-status'
export type { ParcelStatus } from '../domain/parcel-status'

/** The details of 409 PRICE_CHANGED. */
export interface PriceChangedDetails {
  expectedTotalFen?: number
  totalFen: number
  /** What POST /orders/quote answers now, for the lines of the refused order. */
  quote: Quote
}
