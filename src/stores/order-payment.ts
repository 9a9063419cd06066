import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { Order, PaymentProviderName, PaymentStart } from '../api/order-types'
import { runInAction } from './run-in-action'

/* Paying for an order, from the checkout and from an order's 继续支付 alike. An order is paid
   only when the server says so: WeChat's "success" (or the sandbox's) only means the money went;
   the server hears it from WeChat Pay's notification, so after it the order is read again until
   it is no longer pending (支付确认中) or we stop waiting. */

export type PaymentStage = 'idle' | 'starting' | 'paying' | 'confirming'

export type PaymentOutcome =
  | { kind: 'paid'; order: Order }
  /** The buyer closed WeChat's payment sheet: the order waits, 继续支付 is offered. */
  | { kind: 'cancelled' }
  /** Paid on the phone, but the server has not heard yet: look again in 我的订单. */
  | { kind: 'unconfirmed'; order: Order | null }
  /** The order can no longer be paid (expired, cancelled meanwhile): show it as it is. */
  | { kind: 'closed'; order: Order }
  | { kind: 'failed'; error: ApiError }

export interface PaymentDeps {
  /** 'wechat' in the mini-program; 'sandbox' on H5, where only a demo server can take money. */
  provider: PaymentProviderName
  startPayment(orderId: string, provider: PaymentProviderName): Promise<PaymentStart>
  /** wx.requestPayment with the server's parameters: 'cancelled' when the buyer closes it. */
  requestPayment(params: PaymentStart): Promise<'done' | 'cancelled'>
  confirmSandbox(paymentId: string): Promise<Order>
  order(id: string): Promise<Order>
  sleep(ms: number): Promise<void>
  now(): number
  /** wx.requestSubscribeMessage for the "ready for pickup" message; absent where there is none
   *  (H5, or a build without a template id). */
  askForPickupMessage?(): Promise<void>
}

// WeChat Pay usually notifies within a second or two; past 20 s the buyer is told to look later.
export const CONFIRM_POLL_MS = 1500
export const CONFIRM_TIMEOUT_MS = 20_000

export class OrderPayment {
  stage: PaymentStage = 'idle'
  /** The order being paid, so only its page shows 支付确认中. */
  orderId: string | null = null

  constructor(private readonly deps: PaymentDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  get isBusy(): boolean {
    return this.stage !== 'idle'
  }

  /**
   * Asks the buyer whether we may tell them when the order is ready. WeChat shows its sheet only
   * in answer to a tap, so this must be called before anything is awaited; it settles whatever
   * they choose: a refusal (or an old WeChat) never stands between the buyer and paying.
   */
  askForPickupMessage(): Promise<void> {
    if (this.deps.provider !== 'wechat' || !this.deps.askForPickupMessage) return Promise.resolve()
    try {
      return this.deps.askForPickupMessage().catch(() => undefined)
    } catch {
      return Promise.resolve()
    }
  }

  /** `asked`: the checkout asked already, in its own tap, before placing the order. */
  async pay(order: Order, asked?: Promise<void>): Promise<PaymentOutcome> {
    if (this.isBusy) return { kind: 'failed', error: toApiError(new Error('a payment is already running')) }
    const subscribed = asked ?? this.askForPickupMessage()
    this.stage = 'starting'
    this.orderId = order.id
    try {
      return await this.run(order, subscribed)
    } catch (error) {
      return { kind: 'failed', error: toApiError(error) }
    } finally {
      runInAction('endPayment', () => {
        this.stage = 'idle'
        this.orderId = null
      })
    }
  }

  private async run(order: Order, subscribed: Promise<void>): Promise<PaymentOutcome> {
    const start = await this.deps.startPayment(order.id, this.deps.provider)
    this.setStage('paying')
    if (this.deps.provider === 'sandbox') {
      const confirmed = await this.deps.confirmSandbox(start.paymentId)
      if (confirmed.status !== 'pending_payment') return settled(confirmed)
    } else {
      // One WeChat sheet at a time: the payment sheet opens once the subscribe sheet is closed.
      await subscribed
      if ((await this.deps.requestPayment(start)) === 'cancelled') return { kind: 'cancelled' }
    }
    this.setStage('confirming')
    return this.awaitConfirmation(order.id)
  }

  /** Reads the order every 1.5 s until the server has applied the payment, for up to 20 s. */
  private async awaitConfirmation(orderId: string): Promise<PaymentOutcome> {
    const deadline = this.deps.now() + CONFIRM_TIMEOUT_MS
    let last: Order | null = null
    for (;;) {
      try {
        last = await this.deps.order(orderId)
        if (last.status !== 'pending_payment') return settled(last)
      } catch {
        // A dropped signal while waiting: the payment stands; ask again.
      }
      if (this.deps.now() + CONFIRM_POLL_MS > deadline) return { kind: 'unconfirmed', order: last }
      await this.deps.sleep(CONFIRM_POLL_MS)
    }
  }

  private setStage(stage: PaymentStage): void {
    this.stage = stage
  }
}

function settled(order: Order): PaymentOutcome {
  return order.status === 'paid' || order.status === 'ready_for_pickup' || order.status === 'picked_up' ? { kind: 'paid', order } : { kind: 'closed', order }
}
