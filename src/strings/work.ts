/* The farmer's and the operator's words (see zh-CN-work.ts), and their formatting. */
import type { ListingStatus } from '../api/types'
import { chinaDate, chinaMinuteOfDay, type Instant } from '../domain/china-time'
import { type WorkStrings, zhCNWork } from './zh-CN-work'

export const workStrings: WorkStrings = zhCNWork

export const listingStatusLabel = (status: ListingStatus): string => workStrings.listingStatus[status] ?? status

/** '2026-11-28 13:30' in China time, whatever the phone's zone. */
export function chinaDateTime(instant: Instant): string {
  const minutes = chinaMinuteOfDay(instant)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${chinaDate(instant)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}
