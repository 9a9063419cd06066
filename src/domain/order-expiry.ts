/**
 * An unpaid order holds stock that other buyers cannot buy; after UNPAID_ORDER_TTL_MINUTES it
 * expires and the stock goes back on the shelf (API contract: 30 minutes). A farmer's lamb
 * should not sit reserved by an abandoned checkout.
 */
import { parseInstant, type Instant } from './china-time'

export const UNPAID_ORDER_TTL_MINUTES = 30

/** ISO UTC instant at which an order created at `createdAt` expires if still unpaid. */
export function orderExpiresAt(createdAt: Instant): string {
  return new Date(parseInstant(createdAt).getTime() + UNPAID_ORDER_TTL_MINUTES * 60_000).toISOString()
}

/** Expired from the expiry instant itself on: a payment at that very moment is too late. */
export function isOrderExpired(expiresAt: Instant, now: Instant): boolean {
  return parseInstant(now).getTime() >= parseInstant(expiresAt).getTime()
}
