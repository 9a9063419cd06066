import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import { withClaims } from '../../db/job-claims'
import type { DB, PaymentTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import { lockOrder } from '../orders/lock-order'
import { recordOrderEvent } from '../orders/order-events'
import { PaymentMismatch } from './payment-mismatch'
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

/** The out_refund_no of a payment's whole refund (of what is left of it). */
export const outRefundNoOf = (payment: PaymentTable) => `RF${payment.outTradeNo}`

/** An after-sale case's partial refund: its own out_refund_no, stable per case. */
export const caseOutRefundNoOf = (payment: PaymentTable, caseId: string) => `RF${payment.outTradeNo}${caseId.replace('_', '')}`

/** What is left of a payment after the refunds already written for it (any status). */
export async function paymentLeftFen(tx: WriteTx, payment: PaymentTable): Promise<number> {
  const row = await tx.selectFrom('refunds').select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('amountFen'), eb.lit(0)).as('fen')).where('paymentId', '=', payment.id).executeTakeFirstOrThrow()
  return payment.amountFen - Number(row.fen)
}

/** In the transaction that holds the order's lock and decides on the refund: all that is left of
 *  the payment (after-sale cases may have paid part of it back already), once. */
export async function createRefund(tx: WriteTx, payment: PaymentTable, now: string): Promise<void> {
  const left = await paymentLeftFen(tx, payment)
  if (left <= 0) return
  await tx
    .insertInto('refunds')
    .values({ id: newId('rfd'), orderId: payment.orderId, paymentId: payment.id, outRefundNo: outRefundNoOf(payment), amountFen: left, status: 'pending', providerRefundId: null, attempts: 0, lastError: null, createdAt: now, updatedAt: now, succeededAt: null, caseId: null })
    .onConflict((oc) => oc.column('outRefundNo').doNothing())
    .execute()
}

/** A case's partial refund, written under the order's lock after the amount was checked against
 *  what is left of the line and of the payment. */
export async function createCaseRefund(tx: WriteTx, payment: PaymentTable, caseId: string, amountFen: number, now: string): Promise<void> {
  await tx
    .insertInto('refunds')
    .values({ id: newId('rfd'), orderId: payment.orderId, paymentId: payment.id, outRefundNo: caseOutRefundNoOf(payment, caseId), amountFen, status: 'pending', providerRefundId: null, attempts: 0, lastError: null, createdAt: now, updatedAt: now, succeededAt: null, caseId })
    .execute()
}

/** Sends every pending refund (or only these orders') to its provider once. */
export async function processRefunds(deps: RefundDeps, orderIds?: string[]): Promise<void> {
  if (orderIds?.length === 0) return
  // Claimed (db/job-claims.ts): the jobs of N processes and a cancel's own call never ask for one refund at once.
  await withClaims(deps.db, 'refunds', deps.clock(), 100, (due) => due.where('status', '=', 'pending').$if(orderIds !== undefined, (q) => q.where('orderId', 'in', orderIds!)).orderBy('createdAt'), async (claimed) => {
    if (claimed.length > 0) await sendRefunds(deps, claimed)
  })
}

async function sendRefunds(deps: RefundDeps, refundIds: string[]): Promise<void> {
  const query = deps.db.selectFrom('refunds').innerJoin('payments', 'payments.id', 'refunds.paymentId').select(['refunds.id', 'refunds.orderId', 'refunds.caseId', 'refunds.outRefundNo', 'refunds.amountFen', 'payments.outTradeNo', 'payments.provider', 'payments.amountFen as paidFen']).where('refunds.id', 'in', refundIds).where('refunds.status', '=', 'pending')
  for (const refund of await query.orderBy('refunds.createdAt').execute()) {
    const provider = deps.providers[refund.provider as ProviderName]
    if (!provider) continue
    try {
      const result = await provider.refund({ outTradeNo: refund.outTradeNo, outRefundNo: refund.outRefundNo, refundFen: refund.amountFen, totalFen: refund.paidFen, reason: refund.caseId ? '售后退款' : '订单取消退款' })
      if (result.state === 'succeeded') await markRefunded(deps, refund.id, refund.orderId, result.refundId, refund.caseId)
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
    .select(['refunds.id', 'refunds.orderId', 'refunds.caseId', 'refunds.amountFen', 'refunds.status', 'payments.outTradeNo'])
    .where('refunds.outRefundNo', '=', notice.outRefundNo)
    .executeTakeFirst()
  if (!refund || refund.outTradeNo !== notice.outTradeNo) throw new PaymentMismatch('no refund with this out_refund_no for this out_trade_no')
  if (notice.refundFen !== refund.amountFen) throw new PaymentMismatch(`refunded ${notice.refundFen} fen, asked for ${refund.amountFen}`)
  if (notice.status === 'SUCCESS') await markRefunded(deps, refund.id, refund.orderId, notice.refundId, refund.caseId)
  // Closed, or abnormal (the buyer's card is gone): it stays pending, the reason kept, for the next attempt or a person.
  else if (refund.status === 'pending') await noteAttempt(deps, refund.id, `WeChat Pay refund ${notice.status}`, notice.refundId || null)
}

async function markRefunded(deps: RefundDeps, refundId: string, orderId: string, providerRefundId: string, caseId: string | null): Promise<void> {
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
    // A case's partial refund shows on its case; the timeline's 已退款 means the whole order.
    if (Number(done.numUpdatedRows) === 1 && caseId === null) await recordOrderEvent(tx, orderId, 'refunded', now)
  })
}

async function noteAttempt(deps: RefundDeps, refundId: string, lastError: string | null, providerRefundId: string | null): Promise<void> {
  await deps.db
    .updateTable('refunds')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError, updatedAt: deps.clock().toISOString(), ...(providerRefundId ? { providerRefundId } : {}) }))
    .where('id', '=', refundId)
    .execute()
}
