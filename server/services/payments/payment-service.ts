import { type Kysely, sql } from 'kysely'
import { isOrderExpired } from '../../../src/domain/order-expiry'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, OrderTable, PaymentTable, UserTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { withClaims } from '../../db/job-claims'
import { ServiceError, notFound } from '../service-error'
import { newId } from '../../ids'
import { lockOrder } from '../orders/lock-order'
import type { PickupCodes } from '../pickups/pickup-codes'
import { type ApplyOutcome, applyPaymentSuccess } from './apply-payment'
import { PaymentMismatch } from './payment-mismatch'
import { type ClosedPayment, closeAtProviders, closeOpenPayments } from './open-payments'
import { type PaymentProvider, type ProviderName, ProviderUnavailable } from './payment-provider'
import { applyRefundNotice, processRefunds } from './refunds'
import type { PaymentStart } from '../../contract/orders'

/* Paying for an order: the buyer starts a payment with a provider (the order's one open payment);
   the provider's word that it succeeded is applied by apply-payment.ts. WeChat's notification can
   be lost, so payments still pending after a few minutes are looked up at WeChat (reconcile). */

export interface PaymentDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  pickupCodes: PickupCodes
  providers: Partial<Record<ProviderName, PaymentProvider>>
}

export type PaymentStartView = PaymentStart

/** Ask WeChat about a payment once it has been pending this long without news. */
export const RECONCILE_AFTER_MS = 3 * 60_000

const unavailable = (message: string) => new ServiceError('PAYMENT_UNAVAILABLE', message)

export function createPaymentService(deps: PaymentDeps) {
  const { db, clock } = deps

  async function start(buyer: UserTable, orderId: string, providerName: ProviderName): Promise<PaymentStartView> {
    const opened = await writeTransaction(db, deps.dialect, async (tx) => {
      // The order first (lock-order.ts): taps at the same moment wait here and find the payment the
      // first one opened, and a cancel or the expiry at this moment is seen, or waits.
      const order = await lockOrder(tx, deps.dialect, orderId)
      if (!order || order.buyerId !== buyer.id) throw notFound('order')
      const provider = deps.providers[providerName]
      if (!provider) throw unavailable(`${providerName} payments are not available on this server`)
      if (order.status !== 'pending_payment' || isOrderExpired(order.expiresAt, clock())) {
        throw new ServiceError('INVALID_TRANSITION', order.status === 'pending_payment' ? 'this order has expired' : `this order is ${order.status}, not awaiting payment`, { from: order.status, to: 'paid' })
      }
      const openid = providerName === 'wechat' ? await tx.selectFrom('users').select('wechatOpenid').where('id', '=', buyer.id).executeTakeFirst() : null
      if (providerName === 'wechat' && !openid?.wechatOpenid) throw unavailable('sign in with WeChat to pay with WeChat Pay')
      return { order, provider, payerOpenid: openid?.wechatOpenid ?? null, ...(await openPayment(tx, order, providerName)) }
    })
    await closeAtProviders(deps.providers, opened.closed)

    const { order, payment } = opened
    const prepared = await opened.provider
      .prepare({
        outTradeNo: payment.outTradeNo,
        amountFen: payment.amountFen,
        description: `乡集订单 ${order.id}`,
        payerOpenid: opened.payerOpenid,
        expiresAt: new Date(order.expiresAt),
        prepayId: payment.prepayId,
      })
      .catch((error: unknown) => {
        if (error instanceof ProviderUnavailable) throw new ServiceError('UPSTREAM_UNAVAILABLE', 'WeChat Pay is not answering; try again in a moment')
        throw unavailable(`the payment could not be started: ${(error as Error).message}`)
      })
    if (prepared.prepayId !== payment.prepayId) {
      await db.updateTable('payments').set({ prepayId: prepared.prepayId, preparedAt: clock().toISOString(), updatedAt: clock().toISOString() }).where('id', '=', payment.id).execute()
    }
    return { paymentId: payment.id, provider: providerName, ...prepared.clientParams }
  }

  /**
   * The order's open payment with this provider, or a new one (one out_trade_no per attempt).
   * One open payment per order (migration 005): a buyer who switches provider gets a new one and
   * the other is closed, here and after the commit at its provider; should it be paid all the
   * same, its money is taken or paid back like any other (apply-payment.ts).
   */
  async function openPayment(tx: WriteTx, order: OrderTable, provider: ProviderName): Promise<{ payment: PaymentTable; closed: ClosedPayment[] }> {
    const open = await openPaymentOf(tx, order.id)
    if (open?.provider === provider) return { payment: open, closed: [] }
    const now = clock().toISOString()
    const closed = await closeOpenPayments(tx, order.id, now)
    const id = newId('pay')
    const row: PaymentTable = { id, orderId: order.id, provider, outTradeNo: id.replace('_', ''), status: 'pending', amountFen: order.totalFen, prepayId: null, preparedAt: null, transactionId: null, createdAt: now, updatedAt: now, succeededAt: null }
    const inserted = await tx
      .insertInto('payments')
      .values(row)
      .onConflict((oc) => oc.column('orderId').where(sql<boolean>`status = 'pending'`).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { payment: row, closed }
    // Opened meanwhile by a writer that did not wait for the order's lock: that one is the order's payment.
    const winner = await openPaymentOf(tx, order.id)
    if (winner?.provider !== provider) throw new ServiceError('CONFLICT', 'another payment of this order was just started; try again in a moment')
    return { payment: winner, closed }
  }

  const openPaymentOf = (tx: WriteTx, orderId: string) => tx.selectFrom('payments').selectAll().where('orderId', '=', orderId).where('status', '=', 'pending').executeTakeFirst()

  /** Sandbox only: the buyer's "pay" button stands in for the provider's notification. */
  async function confirmSandbox(buyer: UserTable, paymentId: string): Promise<{ orderId: string; outcome: ApplyOutcome }> {
    const payment = await db
      .selectFrom('payments')
      .innerJoin('orders', 'orders.id', 'payments.orderId')
      .selectAll('payments')
      .where('payments.id', '=', paymentId)
      .where('orders.buyerId', '=', buyer.id)
      .where('payments.provider', '=', 'sandbox')
      .executeTakeFirst()
    if (!payment || !deps.providers.sandbox) throw notFound('payment')
    const outcome = await applyPaymentSuccess(deps, { outTradeNo: payment.outTradeNo, transactionId: `sandbox-${payment.id}`, amountFen: payment.amountFen })
    if (outcome === 'refund_due') await processRefunds(deps, [payment.orderId])
    return { orderId: payment.orderId, outcome }
  }

  /** A success the provider vouched for (a verified notification or our own query). */
  async function applyConfirmed(outTradeNo: string, transactionId: string, amountFen: number): Promise<ApplyOutcome> {
    const outcome = await applyPaymentSuccess(deps, { outTradeNo, transactionId, amountFen })
    if (outcome === 'refund_due') {
      const payment = await db.selectFrom('payments').select('orderId').where('outTradeNo', '=', outTradeNo).executeTakeFirstOrThrow()
      await processRefunds(deps, [payment.orderId])
    }
    return outcome
  }

  /** Payments pending for a while without news: ask the provider; a paid one is applied. */
  async function reconcile(): Promise<number> {
    const now = clock()
    const before = new Date(now.getTime() - RECONCILE_AFTER_MS).toISOString()
    // Claimed (db/job-claims.ts): N processes look each payment up once per round between them.
    return withClaims(db, 'payments', now, 50, (due) => due.where('status', '=', 'pending').where('createdAt', '<=', before).orderBy('createdAt'), async (claimed) => {
      if (claimed.length === 0) return 0
      return lookUp(await db.selectFrom('payments').selectAll().where('id', 'in', claimed).where('status', '=', 'pending').orderBy('createdAt').execute())
    })
  }

  async function lookUp(stale: PaymentTable[]): Promise<number> {
    let applied = 0
    for (const payment of stale) {
      const provider = deps.providers[payment.provider as ProviderName]
      if (!provider) continue
      const found = await provider.query(payment.outTradeNo).catch(() => ({ state: 'unknown' }) as const)
      if (found.state === 'paid') {
        try {
          if ((await applyConfirmed(payment.outTradeNo, found.transactionId, found.amountFen)) !== 'already_applied') applied++
        } catch (error) {
          if (!(error instanceof PaymentMismatch)) throw error
        }
      }
    }
    return applied
  }

  /** A refund's outcome the provider vouched for (a verified notification). */
  const refundNotice = (notice: Parameters<typeof applyRefundNotice>[1]) => applyRefundNotice(deps, notice)

  return { start, confirmSandbox, applyConfirmed, refundNotice, reconcile }
}

export type PaymentService = ReturnType<typeof createPaymentService>
