/* The buyer's checkout and order words (see zh-CN-buyer.ts), and how orders read. Imported only
   from the buyer subpackage, which also brings dayjs (china-time) along. */
import type { ApiError } from '../api/api-error'
import type { OrderEventKind, OrderStatus, ParcelStatus, PickupEstimate } from '../api/order-types'
import type { PickupPoint } from '../api/types'
import { chinaWeekday, type ChinaDate } from '../domain/china-time'
import { chinaClock } from './china-time-text'
import { describeError } from './format'
import { type BuyerStrings, zhCNBuyer } from './zh-CN-buyer'

export { chinaClock, chinaDateTime } from './china-time-text'

export const buyerStrings: BuyerStrings = zhCNBuyer

export const orderStatusLabel = (status: OrderStatus): string => buyerStrings.orderStatus[status] ?? status
export const parcelStatusLabel = (status: ParcelStatus): string => buyerStrings.parcelStatus[status] ?? status
export const timelineLabel = (kind: OrderEventKind): string => buyerStrings.timeline[kind] ?? kind

/** The order errors first (stock, payment), then the app's general ones. */
export function describeOrderError(error: ApiError | null | undefined): string {
  return (error && buyerStrings.errors[error.code]) || describeError(error)
}

/** '11月30日（周日）' for a China calendar day. */
export function pickupDay(date: ChinaDate): string {
  const [, month, day] = date.split('-').map(Number)
  return buyerStrings.pickup.day(month, day, buyerStrings.pickup.weekdays[chinaWeekday(date)])
}

/** '11月30日（周日） 10:30–18:00', China time. */
export function pickupWindow(estimate: PickupEstimate): string {
  return buyerStrings.pickup.window(pickupDay(estimate.pickupDate), chinaClock(estimate.readyFrom), chinaClock(estimate.readyUntil))
}

/** '营业时间 08:30–18:00', and the days it is closed. */
export function openingHours(point: PickupPoint): string[] {
  const { opens, closes, closedWeekdays } = point.openingHours
  const lines = [buyerStrings.pickup.hours(opens, closes)]
  if (closedWeekdays.length > 0) lines.push(buyerStrings.pickup.closedOn(closedWeekdays.map((d) => buyerStrings.pickup.weekdays[d]).join('、')))
  return lines
}

export { kilograms } from './format'
