/* The shapes of the buyer's cart (see cart-store.ts) and the pure rules that read a line
   against the latest quote; what the store needs from outside is injected, so it runs in jest
   without Taro or a server. */
import type { Listing, Named } from '../api/types'
import type { OrderInput, Quote, QuoteLine } from '../api/order-types'
import { MAX_LINE_QUANTITY } from '../domain/order-lines'
import type { Unit } from '../domain/units'
import type { KeyValueStorage } from './session-store'

export interface CartLine {
  listingId: string
  quantity: number
  title: string
  unit: Unit
  /** The price per unit the buyer saw when adding it: a change since then is pointed out. */
  seenPriceFen: number
  /** The stock last heard of (the listing page or a quote): the stepper's upper bound. */
  stock: number
  farmer: Named
  village: Named
  thumbUrl: string | null
}

/** Why a line cannot be ordered as it is: none left, no longer on sale, or fewer than asked. */
export type LineProblem = 'sold_out' | 'gone' | 'short'

export interface CartLineView {
  line: CartLine
  problem: LineProblem | null
  /** The price per unit now differs from the one seen when adding. */
  priceChanged: boolean
  /** The price per unit now, as far as we know. */
  priceFen: number
}

export interface CartGroup {
  farmer: Named
  village: Named
  lines: CartLineView[]
}

export interface CartDeps {
  storage: KeyValueStorage
  quote(input: OrderInput): Promise<Quote>
  /** The listing as anyone may see it; a 404 means it is no longer on sale. */
  listing(id: string): Promise<Listing>
  /** The county center the buyer picks up at: quotes price the shipping to it. */
  pickupPointId(): Promise<string>
  /** Only a signed-in buyer can be quoted; a guest's cart waits for sign-in. */
  canQuote(): boolean
  sleep(ms: number): Promise<void>
}

export interface SavedCart {
  v: 1
  lines: CartLine[]
}

const GUEST = 'guest'
export const cartStorageKey = (userId: string | null) => `xiangji.cart.${userId ?? GUEST}`

/** A quantity the stepper may show: a whole number from 1 to the stock (and the order limit). */
export function clampQuantity(quantity: number, stock: number): number {
  const most = Math.min(Math.max(stock, 1), MAX_LINE_QUANTITY)
  if (!Number.isFinite(quantity)) return 1
  return Math.min(Math.max(Math.floor(quantity), 1), most)
}

export function lineFromListing(listing: Listing, quantity: number): CartLine {
  return {
    listingId: listing.id,
    quantity: clampQuantity(quantity, listing.stock),
    title: listing.title,
    unit: listing.unit,
    seenPriceFen: listing.priceFen,
    stock: listing.soldOut ? 0 : listing.stock,
    farmer: { id: listing.farmer.id, name: listing.farmer.name },
    village: { id: listing.village.id, name: listing.village.name },
    thumbUrl: listing.photos[0]?.thumbUrl ?? null,
  }
}

/**
 * A line read against its quote line. The quote reports a listing that is not live with stock 0,
 * like a sold-out one: `gone` (learned from GET /listings/:id) tells them apart.
 */
export function lineProblem(quoted: QuoteLine | undefined, gone: boolean): LineProblem | null {
  if (!quoted || quoted.available) return null
  if (gone) return 'gone'
  if (quoted.stock === 0) return 'sold_out'
  if (quoted.quantity > quoted.stock) return 'short'
  // Live and in stock, yet not orderable here: not for sale at this county center.
  return 'gone'
}

/** Kept lines, dropping anything a different version of the app (or a full disk) garbled. */
export function readSavedCart(text: string | null): CartLine[] {
  let saved: SavedCart | null = null
  try {
    saved = JSON.parse(text ?? 'null')
  } catch {
    return []
  }
  if (!saved || saved.v !== 1 || !Array.isArray(saved.lines)) return []
  return saved.lines.filter(
    (line) => line && typeof line.listingId === 'string' && Number.isSafeInteger(line.quantity) && line.quantity > 0 && typeof line.seenPriceFen === 'number',
  )
}

/** The guest's lines join the buyer's cart on sign-in; for a listing in both, the larger quantity. */
export function mergeLines(into: readonly CartLine[], from: readonly CartLine[]): CartLine[] {
  const merged = into.map((line) => ({ ...line }))
  for (const line of from) {
    const same = merged.find((l) => l.listingId === line.listingId)
    if (same) same.quantity = Math.max(same.quantity, line.quantity)
    else merged.push({ ...line })
  }
  return merged
}
