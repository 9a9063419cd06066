/* The buyer's order and payment calls (API.md "Orders"). Imported only by the buyer subpackage
   (stores/buyer-stores.ts), so none of it weighs on the main package every visitor downloads;
   the quote, which the cart needs, is in client.ts. */
import type { AfterSaleCase, ReportCaseInput } from './case-types'
import type { Order, PaymentProviderName, PaymentStart, PlaceOrderInput } from './order-types'
import { request } from './request'
import type { Page } from './types'

const orderPath = (id: string) => `/orders/${encodeURIComponent(id)}`

/** The same key with the same body answers the same order: a retry after a lost answer reuses it. */
export const placeOrder = (body: PlaceOrderInput, idempotencyKey: string) =>
  request<Order>('POST', '/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } })
export const orders = (cursor?: string) => request<Page<Order>>('GET', '/orders', { query: { cursor, limit: 20 } })
export const order = (id: string) => request<Order>('GET', orderPath(id))
export const cancelOrder = (id: string) => request<Order>('POST', `${orderPath(id)}/cancel`)
export const startPayment = (orderId: string, provider: PaymentProviderName) =>
  request<PaymentStart>('POST', `${orderPath(orderId)}/payments`, { body: { provider } })
/** Sandbox only (a server with dev login): stands in for the provider's success notification. */
export const confirmSandboxPayment = (paymentId: string) => request<Order>('POST', `/payments/sandbox/${encodeURIComponent(paymentId)}/confirm`)
/** 申请售后: a problem with one line, within 24 hours of pickup. */
export const reportCase = (orderId: string, input: ReportCaseInput) => request<AfterSaleCase>('POST', `${orderPath(orderId)}/cases`, { body: input })
