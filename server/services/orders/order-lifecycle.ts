import type { Kysely } from 'kysely'
import { canCancelOrder } from '../../../src/domain/order-status'
import { isOrderExpired } from '../../../src/domain/order-expiry'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import { withClaims } from '../../db/job-claims'
import { databaseOutage } from '../../db/outage'
import type { DB, UserTable } from '../../db/schema'
import { writeTransaction } from '../../db/write-transaction'
import { ServiceError, notFound } from '../service-error'
import type { PaymentProvider, ProviderName } from '../payments/payment-provider'
import type { PaymentService } from '../payments/payment-service'
import { closeAtProviders, closeOpenPayments } from '../payments/open-payments'
import { createRefund, processRefunds } from '../payments/refunds'
import { lockOrder } from './lock-order'
import { recordOrderEvent } from './order-events'
import { moveOrder, releaseOrder } from './release-order'
import { syncOrderLedger } from '../ledger/order-ledger-sync'

/* Orders that end before their goods travel: the buyer cancels (a paid one is refunded, and only
   while every parcel is still with its farmer: canCancelOrder), or nobody pays within 30 minutes
   and the order expires. Both give the stock back. The expiry runs on a timer in every server
   process; each round claims the orders it expires, and the conditional status update lets
   exactly one transaction expire each order. */

export interface LifecycleDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  providers: Partial<Record<ProviderName, PaymentProvider>>
  payments: PaymentService
}

export function createOrderLifecycle(deps: LifecycleDeps) {
  const { db, clock } = deps

  async function cancel(buyer: UserTable, orderId: string): Promise<void> {
    const open = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      // Locked first (lock-order.ts): a parcel handed in or a payment applied at this moment is seen, or waits.
      const order = await lockOrder(tx, deps.dialect, orderId)
      if (!order || order.buyerId !== buyer.id) throw notFound('order')
      const parcels = await tx.selectFrom('parcels').select('status').where('orderId', '=', orderId).execute()
      const decision = canCancelOrder(order.status, parcels.map((p) => p.status))
      if (!decision.ok) throw new ServiceError('INVALID_TRANSITION', decision.message, { from: order.status, to: 'cancelled', reason: decision.reason })
      if (!(await moveOrder(tx, orderId, order.status, 'cancelled', now, { ended: true }))) {
        throw new ServiceError('INVALID_TRANSITION', 'the order changed meanwhile; look again', { from: order.status, to: 'cancelled' })
      }
      await releaseOrder(tx, orderId, now)
      if (decision.refundRequired) {
        const paid = await tx.selectFrom('payments').selectAll().where('orderId', '=', orderId).where('status', '=', 'succeeded').execute()
        for (const payment of paid) await createRefund(tx, payment, now)
      }
      await recordOrderEvent(tx, orderId, 'cancelled', now, { actorUserId: buyer.id })
      await syncOrderLedger(tx, orderId, now)
      return closeOpenPayments(tx, orderId, now)
    })
    await closeAtProviders(deps.providers, open)
    await processRefunds(deps, [orderId])
  }

  /** Expires one due order, unless its payment turns out to have gone through. */
  async function expireOne(orderId: string): Promise<boolean> {
    const pending = await db.selectFrom('payments').selectAll().where('orderId', '=', orderId).where('status', '=', 'pending').execute()
    for (const payment of pending) {
      const found = await deps.providers[payment.provider as ProviderName]?.query(payment.outTradeNo).catch(() => ({ state: 'unknown' }) as const)
      if (found?.state === 'paid') {
        // A payment that cannot be applied does not keep the order alive; a database that is away
        // must not let it expire paid: the round fails and the next one looks again.
        await deps.payments.applyConfirmed(payment.outTradeNo, found.transactionId, found.amountFen).catch((error: unknown) => {
          if (databaseOutage(error)) throw error
        })
      }
    }
    const outcome = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      // Locked before its payments are closed, as a payment being applied locks it (lock-order.ts).
      const order = await lockOrder(tx, deps.dialect, orderId)
      if (order?.status !== 'pending_payment' || !isOrderExpired(order.expiresAt, clock())) return null
      if (!(await moveOrder(tx, orderId, 'pending_payment', 'expired', now, { ended: true }))) return null
      await releaseOrder(tx, orderId, now)
      await recordOrderEvent(tx, orderId, 'expired', now)
      return closeOpenPayments(tx, orderId, now)
    })
    if (outcome) await closeAtProviders(deps.providers, outcome)
    return outcome !== null
  }

  /** Every unpaid order past its expiry; returns how many this call expired. */
  async function expireDue(): Promise<number> {
    const now = clock()
    // Claimed (db/job-claims.ts): N processes ask WeChat Pay about each order's payment once between them.
    return withClaims(db, 'orders', now, 200, (due) => due.where('status', '=', 'pending_payment').where('expiresAt', '<=', now.toISOString()).orderBy('expiresAt'), async (claimed) => {
      let expired = 0
      for (const id of claimed) if (await expireOne(id)) expired++
      return expired
    })
  }

  return { cancel, expireDue }
}

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>
