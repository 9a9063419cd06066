/**
 * When a sale's money becomes the farmer's to take, and how much of it a payout sends.
 *
 * A sale is settled when its order has been picked up and the after-sale window (after-sale.ts:
 * 24 hours) has closed with no case still open: until then the buyer may come back with the bag,
 * and a refund must be taken from money not yet paid out. A case open at the window's end holds
 * the whole order until staff decide it.
 */
import { CASE_REPORT_WINDOW_HOURS, type CaseStatus } from './after-sale'
import { parseInstant, type Instant } from './china-time'
import type { Fen } from './money'
import type { OrderStatus } from './order-status'

export const SETTLEMENT_DELAY_HOURS = CASE_REPORT_WINDOW_HOURS

/** The instant an order picked up at `pickedUpAt` may settle, if no case is open then. */
export function settlesAt(pickedUpAt: Instant): Date {
  return new Date(parseInstant(pickedUpAt).getTime() + SETTLEMENT_DELAY_HOURS * 3600_000)
}

export interface SettlementFacts {
  orderStatus: OrderStatus
  pickedUpAt: string | null
  caseStatuses: readonly CaseStatus[]
}

/** A case not yet decided still holds the order's money. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['reported']

export function isSaleSettleable(facts: SettlementFacts, now: Date): boolean {
  if (facts.orderStatus !== 'picked_up' || facts.pickedUpAt === null) return false
  if (facts.caseStatuses.some((s) => OPEN_CASE_STATUSES.includes(s))) return false
  return now.getTime() >= settlesAt(facts.pickedUpAt).getTime()
}

/**
 * 0.10 yuan: below it a transfer costs the payee more attention than it is worth, and WeChat's
 * transfer bills start at 0.10 yuan. Smaller balances carry over to the next run.
 */
export const PAYOUT_MINIMUM_FEN: Fen = 10

/** What a payout run sends someone whose payable balance is `payableFen`: all of it, or nothing yet. */
export function payoutAmountFen(payableFen: Fen): Fen {
  return payableFen >= PAYOUT_MINIMUM_FEN ? payableFen : 0
}
