/* One tap on 立即支付 is one checkout attempt, kept on the phone until its order exists. On a
   train the answer to POST /orders can be lost after the server placed the order; the retry must
   then send the same Idempotency-Key with the same body, so the server answers that order again
   instead of placing a second one. So the key and the exact body are saved BEFORE the request
   goes out, and reused, whatever the quote says meanwhile, until the server has answered.
   A refusal (out of stock, a price changed since the quote) is an answer: no order exists under
   the key, so the attempt ends there and the buyer's next tap is a new attempt, a new key. */
import { type ApiError, toApiError } from '../api/api-error'
import type { Order, OrderLineInput, PlaceOrderInput } from '../api/order-types'
import type { KeyValueStorage } from './session-store'

export interface CheckoutAttempt {
  v: 1
  /** What the buyer chose to check out (all of it, orderable or not): which checkout this is. */
  selection: OrderLineInput[]
  /** Idempotency-Key of POST /orders: 1 to 64 of [A-Za-z0-9_-]. */
  key: string
  /** The body sent with that key, with the total the buyer was shown; a retry sends exactly this. */
  input: PlaceOrderInput
  /** Set once the server has answered with the order: from then on it is paid, not placed. */
  orderId: string | null
}

export const attemptStorageKey = (userId: string) => `xiangji.checkout.${userId}`

/** Unique enough per buyer (the server scopes keys to the buyer) and within the header's rules. */
export function newIdempotencyKey(now: number, random: () => number): string {
  const noise = Array.from({ length: 3 }, () => Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')).join('')
  return `co_${now.toString(36)}_${noise}`
}

const key = (lines: readonly OrderLineInput[]) =>
  lines
    .map((line) => `${line.listingId}*${line.quantity}`)
    .sort()
    .join(',')

export function sameLines(a: readonly OrderLineInput[], b: readonly OrderLineInput[]): boolean {
  return key(a) === key(b)
}

export function readAttempt(storage: KeyValueStorage, storageKey: string): CheckoutAttempt | null {
  try {
    const saved = JSON.parse(storage.get(storageKey) ?? 'null') as CheckoutAttempt | null
    if (!saved || saved.v !== 1 || typeof saved.key !== 'string' || !saved.input || !Array.isArray(saved.selection)) return null
    return saved
  } catch {
    return null
  }
}

/* 409 IDEMPOTENCY_IN_PROGRESS: the server is still placing this very order, or holds the claim
   of a request that died with its database (kill -9: the claim is taken over after 2 minutes,
   server/services/orders/idempotency.ts). Either way the order is coming, so the same key and
   body are sent again, after 1, 2, 4 … 30 s, until the server answers; past 2.5 minutes the
   buyer is told, and the attempt is kept for their 重试. */
export const IN_PROGRESS_FIRST_WAIT_MS = 1000
export const IN_PROGRESS_MAX_WAIT_MS = 30_000
export const IN_PROGRESS_PATIENCE_MS = 150_000

export interface AttemptSender {
  placeOrder(input: PlaceOrderInput, idempotencyKey: string): Promise<Order>
  sleep(ms: number): Promise<void>
  now(): number
}

/** The attempt's order, asked for again while the server says it is still placing it. */
export async function sendAttempt(sender: AttemptSender, attempt: CheckoutAttempt, onWaiting: () => void): Promise<Order> {
  const giveUpAt = sender.now() + IN_PROGRESS_PATIENCE_MS
  for (let wait = IN_PROGRESS_FIRST_WAIT_MS; ; wait = Math.min(wait * 2, IN_PROGRESS_MAX_WAIT_MS)) {
    let refusal: ApiError
    try {
      return await sender.placeOrder(attempt.input, attempt.key)
    } catch (error) {
      refusal = toApiError(error)
    }
    const left = giveUpAt - sender.now()
    if (refusal.code !== 'IDEMPOTENCY_IN_PROGRESS' || left <= 0) throw refusal
    onWaiting()
    // The last try at the deadline itself, when a dead request's claim is long free.
    await sender.sleep(Math.min(wait, left))
  }
}
