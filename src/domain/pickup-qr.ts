/**
 * What the buyer's pickup QR code carries: `XJPICKUP:1:<orderId>:<6-digit code>`.
 *
 * The county staff's scanner reads it instead of asking the buyer to read six digits aloud at a
 * busy counter; the server still checks the code (POST /pickups/verify `{orderId, code}`), so the
 * QR code is a convenience, never a credential of its own. The prefix keeps the scanner from
 * acting on any other QR code a buyer happens to show (a WeChat contact, a payment code), and the
 * version lets a later format sit beside this one without old scanners misreading it.
 *
 * Self-contained on purpose: the scanner page imports this one module and nothing else of ours.
 */

export const PICKUP_QR_PREFIX = 'XJPICKUP'
export const PICKUP_QR_VERSION = 1

export interface PickupQrContent {
  orderId: string
  code: string
}

// The API's id shape (letters, digits, - and _, at most 64): never a ':', so the fields split cleanly.
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/
const CODE = /^[0-9]{6}$/
const PICKUP_QR = /^XJPICKUP:1:([A-Za-z0-9_-]{1,64}):([0-9]{6})$/

/** The text to encode in the buyer's QR code. Refuses what no scanner would accept. */
export function pickupQrText(orderId: string, code: string): string {
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) {
    throw new RangeError('A pickup QR code needs an order id of 1 to 64 letters, digits, - or _')
  }
  if (typeof code !== 'string' || !CODE.test(code)) throw new RangeError('A pickup QR code needs the 6-digit pickup code')
  return `${PICKUP_QR_PREFIX}:${PICKUP_QR_VERSION}:${orderId}:${code}`
}

/**
 * The order and code in a scanned text, or null for anything that is not exactly our format:
 * no surrounding spaces, no lower-case prefix, no other version, no 5- or 7-digit code.
 */
export function parsePickupQr(text: unknown): PickupQrContent | null {
  if (typeof text !== 'string') return null
  const match = PICKUP_QR.exec(text)
  if (!match) return null
  return { orderId: match[1], code: match[2] }
}
