import { makeAutoObservable } from 'mobx'
// Only types and the error class from '../api': its client needs Taro, and this store is
// unit-tested without it.
import { type ApiError, toApiError } from '../api/api-error'
import type { Listing } from '../api/types'
import type { OrderLineInput, Quote, QuoteLine } from '../api/order-types'
import {
  type CartDeps,
  type CartGroup,
  type CartLine,
  type CartLineView,
  cartStorageKey,
  clampQuantity,
  lineFromListing,
  lineProblem,
  mergeLines,
  readSavedCart,
} from './cart-model'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

export type { CartDeps, CartGroup, CartLine, CartLineView, LineProblem } from './cart-model'

/* The buyer's cart, kept on the phone (one per user, and one for a guest) so it survives a
   closed app and a lost signal. Each line keeps the price the buyer saw when adding it; the
   server's quote (POST /orders/quote, the same rules the order uses) says what can be had now
   and what it costs, and the cart points out lines that are sold out, no longer on sale, short
   of stock, or whose price changed. Nothing is reserved until the order is placed. */

// Taps on a stepper come in bursts: one quote after the last, not one per tap on 3G.
const QUOTE_DEBOUNCE_MS = 400

export class CartStore {
  lines: CartLine[] = []
  quote: Quote | null = null
  quoteStatus: LoadStatus = 'idle'
  quoteError: ApiError | null = null
  /** Listings GET /listings/:id no longer shows: withdrawn, or otherwise off sale. */
  goneIds: string[] = []
  private storageKey: string | null = null
  private userId: string | null = null
  private quoteSerial = 0
  private changeSerial = 0

  constructor(private readonly deps: CartDeps) {
    makeAutoObservable<this, 'deps' | 'storageKey' | 'userId' | 'quoteSerial' | 'changeSerial'>(
      this,
      { deps: false, storageKey: false, userId: false, quoteSerial: false, changeSerial: false },
      { autoBind: true },
    )
  }

  get count(): number {
    return this.lines.length
  }

  get isEmpty(): boolean {
    return this.lines.length === 0
  }

  /** The quote answers for the cart as it is now (no quantity changed since it was asked). */
  get quoteIsCurrent(): boolean {
    const quote = this.quote
    if (!quote || quote.lines.length !== this.lines.length) return false
    return this.lines.every((line) => quote.lines.some((q) => q.listingId === line.listingId && q.quantity === line.quantity))
  }

  get views(): CartLineView[] {
    const current = this.quoteIsCurrent
    return this.lines.map((line) => {
      const quoted = current ? this.quoteLine(line.listingId) : undefined
      const priceFen = quoted?.unitPriceFen ?? line.seenPriceFen
      return { line, problem: lineProblem(quoted, this.goneIds.includes(line.listingId)), priceChanged: priceFen !== line.seenPriceFen, priceFen }
    })
  }

  /** Lines by farmer (one parcel each), in the order the buyer first added from them. */
  get groups(): CartGroup[] {
    const groups: CartGroup[] = []
    for (const view of this.views) {
      const group = groups.find((g) => g.farmer.id === view.line.farmer.id)
      if (group) group.lines.push(view)
      else groups.push({ farmer: view.line.farmer, village: view.line.village, lines: [view] })
    }
    return groups
  }

  /** What 去结算 orders: the lines the current quote can price. The others stay in the cart. */
  get checkoutLines(): OrderLineInput[] {
    if (!this.quoteIsCurrent) return []
    return this.views.filter((view) => view.problem === null).map(({ line }) => ({ listingId: line.listingId, quantity: line.quantity }))
  }

  get problemCount(): number {
    return this.views.filter((view) => view.problem !== null).length
  }

  quantityOf(listingId: string): number {
    return this.lines.find((line) => line.listingId === listingId)?.quantity ?? 0
  }

  /** Whose cart this is (null: a guest). A guest who signs in brings their lines along. */
  useOwner(userId: string | null): void {
    const key = cartStorageKey(userId)
    if (key === this.storageKey) return
    let lines = readSavedCart(this.deps.storage.get(key))
    if (userId !== null && this.storageKey !== null && this.userId === null && this.lines.length > 0) {
      lines = mergeLines(lines, this.lines)
      this.deps.storage.remove(this.storageKey)
    }
    this.storageKey = key
    this.userId = userId
    this.lines = lines
    this.quote = null
    this.quoteStatus = 'idle'
    this.quoteError = null
    this.goneIds = []
    this.quoteSerial++
    this.save()
  }

  /** From the listing page. Adding again adds up, within the stock; the price seen is now's.
   *  False when there is nothing to add (sold out, or not on sale). */
  add(listing: Listing, quantity: number): boolean {
    if (listing.soldOut || listing.stock <= 0 || listing.status !== 'live') return false
    const line = lineFromListing(listing, quantity)
    const existing = this.lines.find((l) => l.listingId === listing.id)
    if (existing) {
      Object.assign(existing, { ...line, quantity: clampQuantity(existing.quantity + line.quantity, line.stock) })
    } else {
      this.lines.push(line)
    }
    this.goneIds = this.goneIds.filter((id) => id !== listing.id)
    this.save()
    return true
  }

  setQuantity(listingId: string, quantity: number): void {
    const line = this.lines.find((l) => l.listingId === listingId)
    if (!line) return
    const next = clampQuantity(quantity, line.stock)
    if (next === line.quantity) return
    line.quantity = next
    this.save()
    void this.scheduleRefresh()
  }

  step(listingId: string, by: 1 | -1): void {
    this.setQuantity(listingId, this.quantityOf(listingId) + by)
  }

  remove(listingId: string): void {
    const before = this.lines.length
    this.lines = this.lines.filter((line) => line.listingId !== listingId)
    if (this.lines.length === before) return
    this.save()
    void this.scheduleRefresh()
  }

  /** After an order is paid: its quantities leave the cart (all of a line bought in full). */
  removeOrdered(ordered: readonly OrderLineInput[]): void {
    for (const { listingId, quantity } of ordered) {
      const line = this.lines.find((l) => l.listingId === listingId)
      if (line) line.quantity -= quantity
    }
    this.lines = this.lines.filter((line) => line.quantity > 0)
    this.quote = null
    this.save()
  }

  /** Asks the server what the cart can be had for now; the latest answer wins. */
  async refresh(): Promise<void> {
    const serial = ++this.quoteSerial
    if (this.lines.length === 0 || !this.deps.canQuote()) {
      this.quote = null
      this.quoteStatus = 'idle'
      this.quoteError = null
      return
    }
    this.quoteStatus = 'loading'
    this.quoteError = null
    const lines = this.lines.map(({ listingId, quantity }) => ({ listingId, quantity }))
    try {
      const pickupPointId = await this.deps.pickupPointId()
      const quote = await this.deps.quote({ lines, pickupPointId })
      if (serial !== this.quoteSerial) return
      const gone = await this.findGone(quote.lines)
      if (serial !== this.quoteSerial) return
      runInAction('applyCartQuote', () => {
        this.quote = quote
        this.goneIds = gone
        this.quoteStatus = 'loaded'
        for (const quoted of quote.lines) this.refreshLine(quoted)
        this.save()
      })
    } catch (error) {
      if (serial !== this.quoteSerial) return
      runInAction('applyCartQuoteFailure', () => {
        this.quoteError = toApiError(error)
        this.quoteStatus = 'failed'
      })
    }
  }

  /** A refresh after the buyer stops tapping. */
  async scheduleRefresh(): Promise<void> {
    const change = ++this.changeSerial
    await this.deps.sleep(QUOTE_DEBOUNCE_MS)
    if (change === this.changeSerial) await this.refresh()
  }

  private quoteLine(listingId: string): QuoteLine | undefined {
    return this.quote?.lines.find((q) => q.listingId === listingId)
  }

  /** What the quote knows better than the cart: stock, title, photo. Never the price seen. */
  private refreshLine(quoted: QuoteLine): void {
    const line = this.lines.find((l) => l.listingId === quoted.listingId)
    if (!line) return
    line.stock = quoted.stock
    line.title = quoted.title
    line.thumbUrl = quoted.thumbUrl ?? line.thumbUrl
    line.farmer = quoted.farmer
    line.village = quoted.village
  }

  /** Of the lines with nothing left, those that are off sale rather than sold out. */
  private async findGone(quoted: readonly QuoteLine[]): Promise<string[]> {
    const empty = quoted.filter((q) => !q.available && q.stock === 0)
    const gone = await Promise.all(
      empty.map((q) =>
        this.deps.listing(q.listingId).then(
          (listing) => listing.status !== 'live',
          // 404: nobody but its farmer may see it now. Offline: call it sold out for now.
          (error) => toApiError(error).status === 404,
        ),
      ),
    )
    return empty.filter((_, index) => gone[index]).map((q) => q.listingId)
  }

  private save(): void {
    if (!this.storageKey) return
    if (this.lines.length === 0) this.deps.storage.remove(this.storageKey)
    else this.deps.storage.set(this.storageKey, JSON.stringify({ v: 1, lines: this.lines }))
  }
}
