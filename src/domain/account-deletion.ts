/**
 * Deleting an account (注销账号), as China's Personal Information Protection Law asks (art. 47:
 * the person may have their data deleted; art. 19 and the accounting rules keep the records of
 * sales and money for their legal period). What is erased is the person: name, phone, WeChat
 * openid, sign-ins, their photos. What is kept is the business: orders, the ledger and
 * commission entries, pointing at a row that no longer says who it was.
 *
 * An account is not deleted while something is still under way with it, because finishing it
 * needs the person: an order not yet ended (the buyer must collect or cancel it; the farmer must
 * hand in her goods), an after-sale case not yet decided, or money still owed to them.
 */
import { OPEN_CASE_STATUSES, PAYOUT_MINIMUM_FEN } from './settlement'
import type { CaseStatus } from './after-sale'
import { isOrderOpen, type OrderStatus } from './order-status'

/** What a deleted person's name becomes wherever it was shown (a listing's history, a payout). */
export const DELETED_PERSON_NAME = '已注销用户'

export interface OrderUnderWay {
  status: OrderStatus
  caseStatuses: readonly CaseStatus[]
  /** Its WeChat shipping information is still to be sent (WeChat needs the payer's openid). */
  shippingUploadPending: boolean
}

/** An order keeps the account open while it runs, while a case on it waits for a decision, or
 *  while WeChat still waits for its shipping information, which names the buyer's openid. */
export function holdsAccountOpen(order: OrderUnderWay): boolean {
  return isOrderOpen(order.status) || order.caseStatuses.some((s) => OPEN_CASE_STATUSES.includes(s)) || order.shippingUploadPending
}

export interface HolderBalances {
  /** Sales inside the after-sale window. */
  pendingFen: number
  payableFen: number
  inFlightFen: number
}

/**
 * Money still coming to the person keeps the account: it must be paid out (or returned) first,
 * or it would be lost to them. A payable balance under the payout minimum can never be sent
 * (WeChat's transfer bills start at 0.10 yuan), so it does not hold anybody's account; it stays on
 * the ledger under the anonymous holder, and the books still add up. A negative balance (a
 * refund after a payout) is the county's to absorb and holds nothing either.
 */
export function balanceHoldsAccount(b: HolderBalances): boolean {
  return b.pendingFen > 0 || b.inFlightFen > 0 || b.payableFen >= PAYOUT_MINIMUM_FEN
}

/** Why a deleted farmer's listings were withdrawn, as their history shows it. */
export const LISTING_WITHDRAWN_ON_DELETION: Readonly<Record<'own_request' | 'farmer_request', string>> = {
  own_request: '农户已注销账号',
  farmer_request: '应农户本人要求删除资料',
}
