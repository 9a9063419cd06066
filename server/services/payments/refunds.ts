import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, PaymentTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import { lockOrder } from '../orders/lock-order'
import { recordOrderEvent } from '../orders/order-events'
import { PaymentMismatch } from './apply-payment'
import type { PaymentProvider, ProviderName } from './payment-provider'

/* A refund is written in the transaction that decides it (a paid order cancelled, or a payment
   that arrived for an order already expired or cancelled), under that order's lock, and sent to the provider afterwards,
   again and again until it succeeds. Its out_refund_no is fixed when it is written, so a retry
   after a timeout asks for the same refund and the provider pays it once. WeChat Pay usually
   answers a refund request with PROCESSING and tells the outcome later in a notification
   (applyRefundNotice); asking again finds it too, should that notification be lost. */

export interface RefundDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  providers: Partial<Record<ProviderName, PaymentProvider>>
}

/** The out_refund_no of a payment's (one, full) refund. */
export const outRefundNoOf = (payment: PaymentTable) => `RF${payment.outTradeNo}`

/** In the transaction that holds the order's lock and decides on the refund. */
export async function createRefund(tx: WriteTx, payment: PaymentTable, now: string): Promise<void> {
  await tx
    .insertInto('refunds')
    .values({ id: newId('rfd'), orderId: payment.orderId, paymentId: payment.id, outRefundNo: outRefundNoOf(payment), amountFen: payment.amountFen, status: 'pending', providerRefundId: null, attempts: 0, lastError: null, createdAt: now, updatedAt: now, succeededAt: null })
    .onConflict((oc) => oc.column('outRefundNo').doNothing())
    .execute()
}

/** Sends every pending refund (or only these orders') to its provider once. */
export async function processRefunds(deps: RefundDeps, orderIds?: string[]): Promise<void> {
  let query = deps.db.selectFrom('refunds').innerJoin('payments', 'payments.id', 'refunds.paymentId').select(['refunds.id', 'refunds.orderId', 'refunds.outRefundNo', 'refunds.amountFen', 'payments.outTradeNo', 'payments.provider', 'payments.amountFen as paidFen']).where('refunds.status', '=', 'pending')
  if (orderIds) query = query.where('refunds.orderId', 'in', orderIds)
  for (const refund of await query.limit(100).execute()) {
    const provider = deps.providers[refund.provider as ProviderName]
    if (!provider) continue
    try {
      const result = await provider.refund({ outTradeNo: refund.outTradeNo, outRefundNo: refund.outRefundNo, refundFen: refund.amountFen, totalFen: refund.paidFen, reason: '订单取消退款' })
      if (result.state === 'succeeded') await markRefunded(deps, refund.id, refund.orderId, result.refundId)
      else await noteAttempt(deps, refund.id, null, result.refundId)
    } catch (error) {
      await noteAttempt(deps, refund.id, String((error as Error).message ?? error), null)
    }
  }
}

/** A provider's verified word on a refund (WeChat Pay's REFUND.* notification), applied once. */
export async function applyRefundNotice(deps: RefundDeps, notice: { outTradeNo: string; outRefundNo: string; refundId: string; status: string; refundFen: number }): Promise<void> {
  const refund = await deps.db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.paymentId')
    .select(['refunds.id', 'refunds.orderId', 'refunds.amountFen', 'refunds.status', 'payments.outTradeNo'])
    .where('refunds.outRefundNo', '=', notice.outRefundNo)
    .executeTakeFirst()
  if (!refund || refund.outTradeNo !== notice.outTradeNo) throw new PaymentMismatch('no refund with this out_refund_no for this out_trade_no')
  if (notice.refundFen !== refund.amountFen) throw new PaymentMismatch(`refunded ${notice.refundFen} fen, asked for ${refund.amountFen}`)
  if (notice.status === 'SUCCESS') await markRefunded(deps, refund.id, refund.orderId, notice.refundId)
  // Closed, or abnormal (the buyer's card is gone): it stays pending, the reason kept, for the next attempt or a person.
  else if (refund.status === 'pending') await noteAttempt(deps, refund.id, `WeChat Pay refund ${notice.status}`, notice.refundId || null)
}

async function markRefunded(deps: RefundDeps, refundId: string, orderId: string, providerRefundId: string): Promise<void> {
  await writeTransaction(deps.db, deps.dialect, async (tx) => {
    const now = deps.clock().toISOString()
    // The order first (lock-order.ts): its timeline gets a step, numbered after the others.
    await lockOrder(tx, deps.dialect, orderId)
    const done = await tx
      .updateTable('refunds')
      .set((eb) => ({ status: 'succeeded', providerRefundId, succeededAt: now, updatedAt: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', refundId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 1) await recordOrderEvent(tx, orderId, 'refunded', now)
  })
}

async function noteAttempt(deps: RefundDeps, refundId: string, lastError: string | null, providerRefundId: string | null): Promise<void> {
  await deps.db
    .updateTable('refunds')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError, updatedAt: deps.clock().toISOString(), ...(providerRefundId ? { providerRefundId } : {}) }))
    .where('id', '=', refundId)
    .execute()
}
