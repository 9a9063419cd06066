/* The one interface our payment use cases talk to. `wechat` is WeChat Pay API v3 for
   mini-programs; `sandbox` (only with dev login on) pays at the press of a button, for the demo
   and the browser tests. Neither ever marks an order paid by itself: a success reaches
   services/payments/apply-payment.ts only from a verified notification, our own query of the
   provider, or (sandbox) its confirm route. */

export type ProviderName = 'wechat' | 'sandbox'

export interface PrepareInput {
  outTradeNo: string
  amountFen: number
  description: string
  /** The buyer's WeChat openid (wechat only). */
  payerOpenid: string | null
  /** The provider stops accepting the payment then (the order's expiry). */
  expiresAt: Date
  /** A prepay id from an earlier prepare of this payment, still valid: reuse it. */
  prepayId: string | null
}

export interface Prepared {
  prepayId: string | null
  /** What the app passes to its payment call (wx.requestPayment's fields for wechat). */
  clientParams: Record<string, string>
}

export type QueriedPayment =
  | { state: 'paid'; transactionId: string; amountFen: number }
  | { state: 'unpaid' | 'closed' }
  /** The provider cannot be asked (sandbox) or did not answer. */
  | { state: 'unknown' }

export interface RefundInput {
  outTradeNo: string
  outRefundNo: string
  refundFen: number
  totalFen: number
  reason: string
}

export type RefundResult = { state: 'succeeded' | 'processing'; refundId: string }

export interface PaymentProvider {
  readonly name: ProviderName
  prepare(input: PrepareInput): Promise<Prepared>
  query(outTradeNo: string): Promise<QueriedPayment>
  /** Stops the payment being completed (an expired or cancelled order). */
  close(outTradeNo: string): Promise<void>
  /** Same outRefundNo, same refund: safe to call again after a timeout. */
  refund(input: RefundInput): Promise<RefundResult>
  queryRefund(outRefundNo: string): Promise<RefundResult | null>
}

/** A provider call failed in a way worth retrying later (network, timeout, their 5xx). */
export class ProviderUnavailable extends Error {}

export function createSandboxProvider(): PaymentProvider {
  return {
    name: 'sandbox',
    prepare: async () => ({ prepayId: null, clientParams: {} }),
    query: async () => ({ state: 'unknown' }),
    close: async () => {},
    refund: async ({ outRefundNo }) => ({ state: 'succeeded', refundId: `sandbox-${outRefundNo}` }),
    queryRefund: async (outRefundNo) => ({ state: 'succeeded', refundId: `sandbox-${outRefundNo}` }),
  }
}
