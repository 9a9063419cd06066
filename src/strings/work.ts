/* The farmer's and the operator's words (see zh-CN-work.ts), and their formatting. */
import type { ApiError } from '../api/api-error'
import type { ParcelStatus } from '../api/order-types'
import type { ListingStatus } from '../api/types'
import { chinaDate, chinaMinuteOfDay, chinaWeekday, type ChinaDate, type Instant } from '../domain/china-time'
import { formatYuan } from '../domain/money'
import { describeError } from './format'
import { type WorkStrings, zhCNWork } from './zh-CN-work'

export { chinaDateTime } from './china-time-text'

export const workStrings: WorkStrings = zhCNWork

export const listingStatusLabel = (status: ListingStatus): string => workStrings.listingStatus[status] ?? status

export const parcelStatusLabel = (status: ParcelStatus): string => workStrings.run.parcelStatus[status] ?? status

/** '11月30日（周日）' for a China calendar day. */
export function runDay(date: ChinaDate): string {
  const [, month, day] = date.split('-').map(Number)
  return workStrings.run.day(month, day, workStrings.run.weekdays[chinaWeekday(date)])
}

/** What went wrong with a parcel's collect or receive, in the words of the parcel. */
export function describeParcelError(error: ApiError | null | undefined): string {
  return (error && workStrings.run.errors[error.code]) || describeError(error)
}

/** '晚上8点' for an instant, China time. */
export function timeOfDay(instant: Instant): string {
  const minute = chinaMinuteOfDay(instant)
  return workStrings.sales.timeOfDay(Math.floor(minute / 60), minute % 60)
}

/** 「12月2日（周三）晚上8点前交到新店子村服务站」: where and by when a run's goods are handed in. */
export function handInText(handIn: { place: string; by: Instant }): string {
  return workStrings.sales.handIn(runDay(chinaDate(handIn.by)), timeOfDay(handIn.by), handIn.place)
}

/** Why a farmer's record could not be deleted, in the cun xiao'er's words. */
export function describeFarmerRemoveError(name: string, error: ApiError): string {
  const f = workStrings.farmers
  const details = error.details ?? {}
  if (error.code === 'ACCOUNT_HAS_OPEN_ORDERS') {
    const orders = (details.orders as Array<{ number: string | null }> | undefined) ?? []
    return f.removeOpenOrders(name, orders.map((o) => o.number ?? f.unpaidOrder).join('、'))
  }
  if (error.code === 'ACCOUNT_HAS_BALANCE') {
    const fen = (key: string) => (typeof details[key] === 'number' ? (details[key] as number) : 0)
    return f.removeOwed(name, formatYuan(fen('pendingFen') + Math.max(0, fen('payableFen')) + fen('inFlightFen')))
  }
  if (error.code === 'CONFLICT' && details.reason === 'farmer.has_account') return f.removeHasAccount(name)
  return describeError(error)
}
