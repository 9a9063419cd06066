import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Order, OrderInput, OrderLineInput, PriceChangedDetails, Quote, QuoteLine } from '../api/order-types'
import { type AttemptSender, attemptStorageKey, type CheckoutAttempt, readAttempt, sameLines, sendAttempt } from './checkout-attempt'
import type { LoadStatus } from './load-status'
import type { OrderPayment, PaymentOutcome } from './order-payment'
import { runInAction } from './run-in-action'
import type { KeyValueStorage } from './session-store'

/* The checkout: what the chosen lines cost now (the server's quote: goods, one parcel per
   farmer, the county's shipping subsidy), then one tap to place the order and pay. The order is
   placed under an Idempotency-Key kept on the phone (checkout-attempt.ts), so a retry after a
   lost answer never places a second order, and an order placed but not paid is offered again
   (继续支付) rather than placed twice. The order carries the total the buyer was shown: if the
   price changed since, the server refuses it with the new quote, which is shown, and only the
   buyer's next tap orders at the new price. */

export interface CheckoutDeps extends AttemptSender {
  storage: KeyValueStorage
  quote(input: OrderInput): Promise<Quote>
  order(id: string): Promise<Order>
  pickupPointId(): Promise<string>
  newKey(): string
}

/** What the buyer is told after a payment that did not end in a paid order. */
export type CheckoutNotice = 'cancelled' | 'unconfirmed' | 'closed'

/** A line the server refused to sell (409 OUT_OF_STOCK or LISTING_UNAVAILABLE). */
export interface StockConflict {
  listingId: string
  title: string | null
  /** How many are left, for OUT_OF_STOCK. */
  available: number | null
}

const CONFLICTS = ['OUT_OF_STOCK', 'LISTING_UNAVAILABLE']

/** The total changed between the quote the buyer saw and their tap (409 PRICE_CHANGED). */
export interface PriceChange {
  fromFen: number
  toFen: number
  /** The lines whose unit price changed, by title (none when only shipping or subsidy did). */
  titles: string[]
}

/** Worth the same key again: the server may have placed the order, or is still placing it. */
const mayHavePlaced = (error: ApiError) => error.isTransient || error.code === 'IDEMPOTENCY_IN_PROGRESS' || error.status === 401

export class CheckoutStore {
  selection: OrderLineInput[] = []
  quote: Quote | null = null
  quoteStatus: LoadStatus = 'idle'
  quoteError: ApiError | null = null
  /** The order this checkout placed, while it waits to be paid. */
  order: Order | null = null
  placing = false
  error: ApiError | null = null
  conflict: StockConflict | null = null
  priceChange: PriceChange | null = null
  /** The server is still placing this attempt's order (409 IDEMPOTENCY_IN_PROGRESS): 订单确认中. */
  awaitingOrder = false
  notice: CheckoutNotice | null = null
  /** This checkout's attempt as kept on the phone (see checkout-attempt.ts). */
  attempt: CheckoutAttempt | null = null
  private readonly storageKey: string
  private loadSerial = 0

  constructor(
    private readonly deps: CheckoutDeps,
    readonly payment: OrderPayment,
    userId: string,
  ) {
    this.storageKey = attemptStorageKey(userId)
    makeAutoObservable<this, 'deps' | 'storageKey' | 'loadSerial'>(
      this,
      { deps: false, payment: false, storageKey: false, loadSerial: false },
      { autoBind: true },
    )
  }

  get isBusy(): boolean {
    return this.placing || this.payment.isBusy
  }

  /** Sent before, answer never heard: the order may exist, so a retry must send it again as it was. */
  get unanswered(): boolean {
    return this.attempt !== null && this.attempt.orderId === null
  }

  /** The lines the quote can price: what an order placed now would hold. */
  get orderableLines(): OrderLineInput[] {
    return (this.quote?.lines ?? []).filter((line) => line.available).map(({ listingId, quantity }) => ({ listingId, quantity }))
  }

  get unavailableLines(): QuoteLine[] {
    return (this.quote?.lines ?? []).filter((line) => !line.available)
  }

  get canPay(): boolean {
    if (this.isBusy) return false
    if (this.order) return this.order.status === 'pending_payment'
    // An unanswered attempt is retried as sent, even if the quote now shows its stock gone
    // (taken, perhaps, by the very order whose answer was lost).
    return this.unanswered || (this.quoteStatus === 'loaded' && this.orderableLines.length > 0)
  }

  /** The checkout page opens with the lines the buyer chose (the cart's, or 立即购买's one). */
  open(selection: readonly OrderLineInput[]): void {
    const same = sameLines(selection, this.selection)
    if (!(same && this.isBusy)) {
      this.selection = selection.map(({ listingId, quantity }) => ({ listingId, quantity }))
      if (!same) {
        // Another checkout: nothing of the last one may show or be paid here.
        this.order = null
        this.quote = null
        this.quoteStatus = 'idle'
      }
      this.error = null
      this.conflict = null
      this.priceChange = null
      this.notice = null
    }
    void this.load()
  }

  /** An order already placed for this very checkout is offered again; otherwise a fresh quote. */
  async load(): Promise<void> {
    const serial = ++this.loadSerial
    const saved = readAttempt(this.deps.storage, this.storageKey)
    // Another checkout's attempt is left alone: its order, if any, waits in 我的订单.
    this.attempt = saved && this.selection.length > 0 && sameLines(saved.selection, this.selection) ? saved : null
    if (this.selection.length === 0) return
    const placedId = this.attempt?.orderId
    if (!this.order && placedId) {
      try {
        const order = await this.deps.order(placedId)
        if (serial !== this.loadSerial) return
        if (order.status === 'pending_payment') {
          runInAction('resumeCheckoutOrder', () => {
            this.order = order
          })
          return
        }
        this.forgetAttempt()
      } catch {
        // Offline: the quote below says so too.
      }
    }
    if (this.order) return
    await this.loadQuote(serial)
  }

  /** 立即支付 (or 继续支付): places the order if there is none yet, then pays it. */
  async submit(): Promise<PaymentOutcome | null> {
    if (!this.canPay) return null
    // In the buyer's tap, before anything is awaited: the only moment WeChat shows its sheet.
    const asked = this.payment.askForPickupMessage()
    this.placing = true
    this.error = null
    this.conflict = null
    this.priceChange = null
    this.notice = null
    let order = this.order
    if (!order) {
      const attempt = this.attemptForNow()
      try {
        order = await sendAttempt(this.deps, attempt, () => runInAction('awaitPlacedOrder', () => (this.awaitingOrder = true)))
      } catch (error) {
        return this.placeFailed(toApiError(error), attempt)
      }
      const placed = order
      // Waiting out IDEMPOTENCY_IN_PROGRESS can take minutes: the buyer may have opened another
      // checkout meanwhile, which must not pay this order. It waits in 我的订单 (继续支付).
      const elsewhere = !sameLines(attempt.selection, this.selection)
      runInAction('applyOrderPlaced', () => {
        this.awaitingOrder = false
        this.saveAttempt({ ...attempt, orderId: placed.id })
        if (elsewhere) this.placing = false
        else this.order = placed
      })
      if (elsewhere) return null
    }
    runInAction('startOrderPayment', () => {
      this.placing = false
    })
    const outcome = await this.payment.pay(order, asked)
    this.applyOutcome(outcome)
    return outcome
  }

  /** Reuses the unanswered attempt of this checkout as it was sent, or starts a new one. */
  private attemptForNow(): CheckoutAttempt {
    if (this.attempt && this.attempt.orderId === null) return this.attempt
    const attempt: CheckoutAttempt = {
      v: 1,
      selection: this.selection,
      key: this.deps.newKey(),
      // The total on the pay button: the server charges it or refuses with the new price.
      input: { lines: this.orderableLines, pickupPointId: this.quote!.pickupPoint.id, expectedTotalFen: this.quote!.totalFen },
      orderId: null,
    }
    // Kept before the request leaves: an answer lost on the way is retried under this key.
    this.saveAttempt(attempt)
    return attempt
  }

  private placeFailed(error: ApiError, attempt: CheckoutAttempt): PaymentOutcome {
    if (error.code === 'PRICE_CHANGED') return this.priceChanged(error, attempt)
    runInAction('applyPlaceOrderFailure', () => {
      this.placing = false
      this.awaitingOrder = false
      this.error = error
      if (!mayHavePlaced(error)) this.forgetAttempt()
      if (CONFLICTS.includes(error.code)) {
        const listingId = String(error.details?.listingId ?? '')
        const available = error.details?.available
        const title = this.quote?.lines.find((line) => line.listingId === listingId)?.title ?? null
        this.conflict = { listingId, title, available: typeof available === 'number' ? available : null }
      }
    })
    // The stock moved under us: show what can be had now.
    if (CONFLICTS.includes(error.code) || error.code === 'VALIDATION_FAILED') void this.loadQuote(++this.loadSerial)
    return { kind: 'failed', error }
  }

  /** Nothing was ordered: the new price is shown, and ordered only on the buyer's next tap, under
   *  a new key (the refused attempt has its answer, see checkout-attempt.ts). */
  private priceChanged(error: ApiError, attempt: CheckoutAttempt): PaymentOutcome {
    const details = (error.details ?? {}) as Partial<PriceChangedDetails>
    const quote = isQuote(details.quote) ? details.quote : null
    // The server quotes the lines it was asked for; the checkout also shows the ones it left out.
    const complete = quote !== null && sameLines(quote.lines, this.selection)
    runInAction('applyPriceChange', () => {
      const before = new Map((this.quote?.lines ?? []).map((line) => [line.listingId, line.unitPriceFen]))
      this.placing = false
      this.awaitingOrder = false
      this.forgetAttempt()
      this.priceChange = {
        fromFen: details.expectedTotalFen ?? attempt.input.expectedTotalFen ?? this.quote?.totalFen ?? 0,
        toFen: details.totalFen ?? quote?.totalFen ?? 0,
        titles: (quote?.lines ?? []).filter((line) => before.has(line.listingId) && before.get(line.listingId) !== line.unitPriceFen).map((line) => line.title),
      }
      if (complete) {
        this.loadSerial++
        this.quote = quote
        this.quoteStatus = 'loaded'
      }
    })
    if (!complete) void this.loadQuote(++this.loadSerial)
    return { kind: 'failed', error }
  }

  private applyOutcome(outcome: PaymentOutcome): void {
    switch (outcome.kind) {
      case 'paid':
        this.forgetAttempt()
        this.order = outcome.order
        break
      case 'cancelled':
        this.notice = 'cancelled'
        break
      case 'unconfirmed':
        this.notice = 'unconfirmed'
        if (outcome.order) this.order = outcome.order
        break
      case 'closed':
        this.forgetAttempt()
        this.order = null
        this.notice = 'closed'
        void this.loadQuote(++this.loadSerial)
        break
      case 'failed':
        this.error = outcome.error
        // Expired or cancelled meanwhile: this order can no longer be paid; start afresh.
        if (outcome.error.code === 'INVALID_TRANSITION') {
          this.forgetAttempt()
          this.order = null
          void this.loadQuote(++this.loadSerial)
        }
        break
    }
  }

  private async loadQuote(serial: number): Promise<void> {
    this.quoteStatus = 'loading'
    this.quoteError = null
    try {
      const pickupPointId = await this.deps.pickupPointId()
      const quote = await this.deps.quote({ lines: this.selection, pickupPointId })
      if (serial !== this.loadSerial) return
      runInAction('applyCheckoutQuote', () => {
        this.quote = quote
        this.quoteStatus = 'loaded'
      })
    } catch (error) {
      if (serial !== this.loadSerial) return
      runInAction('applyCheckoutQuoteFailure', () => {
        this.quoteError = toApiError(error)
        this.quoteStatus = 'failed'
      })
    }
  }

  private saveAttempt(attempt: CheckoutAttempt): void {
    this.attempt = attempt
    this.deps.storage.set(this.storageKey, JSON.stringify(attempt))
  }

  private forgetAttempt(): void {
    this.attempt = null
    this.deps.storage.remove(this.storageKey)
  }
}

function isQuote(value: unknown): value is Quote {
  const quote = value as Quote | null | undefined
  return !!quote && Array.isArray(quote.lines) && typeof quote.totalFen === 'number' && !!quote.pickupPoint
}
