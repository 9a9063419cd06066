import type { WriteTx } from '../../db/write-transaction'
import type { PaymentProvider, ProviderName } from './payment-provider'

/* An order has one open (pending) payment at most, and only while it awaits payment: the
   database holds the first half (the partial unique index payments_one_open_per_order, migration
   005), and every transaction that ends an order's wait (paid, cancelled, expired) or opens a
   payment with another provider closes the open one here, under the order's lock. It is closed
   at the provider after the commit, never while the order's row is held. */

export interface ClosedPayment {
  outTradeNo: string
  provider: string
}

/** Closes the order's open payment in this transaction; what to close at the provider. */
export async function closeOpenPayments(tx: WriteTx, orderId: string, now: string): Promise<ClosedPayment[]> {
  const rows = await tx.selectFrom('payments').select(['id', 'outTradeNo', 'provider']).where('orderId', '=', orderId).where('status', '=', 'pending').execute()
  if (rows.length === 0) return []
  await tx.updateTable('payments').set({ status: 'closed', updatedAt: now }).where('id', 'in', rows.map((row) => row.id)).where('status', '=', 'pending').execute()
  return rows.map(({ outTradeNo, provider }) => ({ outTradeNo, provider }))
}

export async function closeAtProviders(providers: Partial<Record<ProviderName, PaymentProvider>>, closed: ClosedPayment[]): Promise<void> {
  for (const payment of closed) {
    // Best effort: a payment that completes all the same is applied, or refunded, when its news arrives.
    await providers[payment.provider as ProviderName]?.close(payment.outTradeNo).catch(() => {})
  }
}
