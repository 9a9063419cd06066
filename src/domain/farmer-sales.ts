/**
 * The farmer's side of a sale: by when she hands her goods in at the village service center,
 * and where each sold line stands, in her words rather than the order's.
 */
import { addChinaDays, chinaInstant, clockTimeToMinutes, type ChinaDate, type ClockTime } from './china-time'
import type { OrderStatus } from './order-status'
import type { ParcelStatus } from './parcel-status'
import type { PickupRules } from './pickup-window'

/**
 * The collection run leaves the villages at `collectionRunTime` on its date, and the cun xiao'er
 * gathers the village's parcels the evening before (pickup-window.ts). So a farmer hands in by
 * the evening of the day before the run: by 20:00 China time, a time a village keeps, or by the
 * county's cut-off if that is later, since an order paid just before an evening cut-off still
 * rides that run and the farmer must have till then at least. The run always leaves after
 * midnight of that day, so the deadline is always before the run.
 */
export const HAND_IN_EVENING: ClockTime = '20:00'

/** The instant a farmer's goods for the run on `runDate` must be at the village service center. */
export function handInDeadline(runDate: ChinaDate, rules: Pick<PickupRules, 'cutoffTime'>): Date {
  const minute = Math.max(clockTimeToMinutes(HAND_IN_EVENING), clockTimeToMinutes(rules.cutoffTime))
  return chinaInstant(addChinaDays(runDate, -1), minute)
}

export const SALE_LINE_STATUSES = ['to_hand_in', 'at_village', 'at_county', 'picked_up', 'cancelled', 'refunded'] as const
export type SaleLineStatus = (typeof SALE_LINE_STATUSES)[number]

/** Why a sale did not stand: the buyer cancelled before the goods left her, or staff refunded it after pickup. */
export type SaleEndReason = 'buyer_cancelled' | 'refunded_after_pickup'

export interface SaleLineState {
  status: SaleLineStatus
  reason?: SaleEndReason
}

/**
 * Where a sold line stands for the farmer, from its parcel and order. A paid order is cancelled
 * only while every parcel is still with its farmer (canCancelOrder), so a cancelled line is
 * goods she keeps; a refund after pickup leaves the order picked up, so the refund decides.
 */
export function saleLineState(parcel: ParcelStatus, order: OrderStatus, refunded: boolean): SaleLineState {
  if (parcel === 'cancelled' || order === 'cancelled') return { status: 'cancelled', reason: 'buyer_cancelled' }
  if (refunded) return { status: 'refunded', reason: 'refunded_after_pickup' }
  if (order === 'picked_up') return { status: 'picked_up' }
  if (parcel === 'received') return { status: 'at_county' }
  if (parcel === 'collected') return { status: 'at_village' }
  return { status: 'to_hand_in' }
}

/** Lines that ended count in no total: the farmer was not paid for them. */
export function isSaleStanding(status: SaleLineStatus): boolean {
  return status !== 'cancelled' && status !== 'refunded'
}
