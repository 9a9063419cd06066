/* One tap on 立即支付 is one checkout attempt, kept on the phone until its order exists. On a
   train the answer to POST /orders can be lost after the server placed the order; the retry must
   then send the same Idempotency-Key with the same body, so the server answers that order again
   instead of placing a second one. So the key and the exact body are saved BEFORE the request
   goes out, and reused, whatever the quote says meanwhile, until the server has answered. */
import type { OrderInput, OrderLineInput } from '../api/order-types'
import type { KeyValueStorage } from './session-store'

export interface CheckoutAttempt {
  v: 1
  /** What the buyer chose to check out (all of it, orderable or not): which checkout this is. */
  selection: OrderLineInput[]
  /** Idempotency-Key of POST /orders: 1 to 64 of [A-Za-z0-9_-]. */
  key: string
  /** The body sent with that key; a retry sends exactly this. */
  input: OrderInput
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
