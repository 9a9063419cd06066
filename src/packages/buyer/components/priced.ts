/* A quote (before the order) and an order (after) priced the same way, read into one shape so
   the checkout and the order page show the price line by line alike. */
import type { Named } from '../../../api'
import type { Order, ParcelStatus, Quote } from '../../../api'
import type { Unit } from '../../../domain/units'

export interface PricedLine {
  listingId: string
  title: string
  quantity: number
  unit: Unit
  unitPriceFen: number
  lineTotalFen: number
}

/** One farmer's parcel and its shipping. */
export interface PricedParcel {
  key: string
  farmer: Named
  village: Named
  weightGrams: number
  shippingFen: number
  status?: ParcelStatus
  /** The order was picked up: its parcels stay 'received' at the center, but the buyer has them. */
  pickedUp?: boolean
}

export interface Priced {
  lines: PricedLine[]
  parcels: PricedParcel[]
  subtotalFen: number
  shippingFen: number
  subsidyFen: number
  totalFen: number
}

/** Only the lines the quote could price: the others are not in the order, nor in the total. */
export function pricedFromQuote(quote: Quote): Priced {
  return {
    lines: quote.lines.filter((line) => line.available),
    parcels: quote.parcels.map((parcel) => ({ key: parcel.farmer.id, ...parcel })),
    subtotalFen: quote.subtotalFen,
    shippingFen: quote.shippingFen,
    subsidyFen: quote.subsidyFen,
    totalFen: quote.totalFen,
  }
}

export function pricedFromOrder(order: Order): Priced {
  return {
    lines: order.lines,
    parcels: order.parcels.map((parcel) => ({ key: parcel.id, ...parcel, pickedUp: order.status === 'picked_up' })),
    subtotalFen: order.subtotalFen,
    shippingFen: order.shippingFen,
    subsidyFen: order.subsidyFen,
    totalFen: order.totalFen,
  }
}
