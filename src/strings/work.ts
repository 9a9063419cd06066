/* The farmer's and the operator's words (see zh-CN-work.ts), and their formatting. */
import type { ListingStatus } from '../api/types'
import { type WorkStrings, zhCNWork } from './zh-CN-work'

export { chinaDateTime } from './china-time-text'

export const workStrings: WorkStrings = zhCNWork

export const listingStatusLabel = (status: ListingStatus): string => workStrings.listingStatus[status] ?? status
