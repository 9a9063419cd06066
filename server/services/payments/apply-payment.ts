import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ORDER_STATUSES_HOLDING_PICKUP_CODE } from '../../../src/domain/order-status'
import { generateUniquePickupCodeAsync } from '../../../src/domain/pickup-code'
import { collectionRunDateFor } from '../../../src/domain/pickup-window'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB } from '../../db/schema'
import { newId } from '../../ids'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { lockOrder } from '../orders/lock-order'
import { numberOrder } from '../orders/order-number'
import { recordOrderEvent } from '../orders/order-events'
import { loadOrderRules } from '../orders/order-rules'
import { moveOrder } from '../orders/release-order'
import type { PickupCodes } from '../pickups/pickup-codes'
import { closeAtProviders, closeOpenPayments } from './open-payments'
import type { PaymentProvider, ProviderName } from './payment-provider'
import { PaymentMismatch } from './payment-mismatch'
import { createRefund } from './refunds'
import { syncOrderLedger } from '../ledger/order-ledger-sync'

/* The one place a payment becomes a paid order, whoever brings the news (a verified WeChat
   notification, our query of WeChat, the sandbox). Applied once, under the order's lock taken
   before the payment's (lock-order.ts): ten replays of a notification at once change the order
   once, and a cancel or the expiry at that moment waits its turn instead of deadlocking. Money
   for an order that already ended (expired while the buyer was paying, or cancelled) or was paid
   through another payment is paid back, not kept. */

export interface ApplyPaymentDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  pickupCodes: PickupCodes
  providers: Partial<Record<ProviderName, PaymentProvider>>
}

export interface ConfirmedPayment {
  outTradeNo: string
  transactionId: string
  amountFen: number
}

export type ApplyOutcome = 'paid' | 'already_applied' | 'refund_due'

export async function applyPaymentSuccess(deps: ApplyPaymentDeps, confirmed: ConfirmedPayment): Promise<ApplyOutcome> {
  const { outcome, closed } = await writeTransaction(deps.db, deps.dialect, async (tx) => {
    const now = deps.clock().toISOString()
    // Read without a lock, for what never changes (its order, amount, numbers); the order is locked first.
    const payment = await tx.selectFrom('payments').selectAll().where('outTradeNo', '=', confirmed.outTradeNo).executeTakeFirst()
    if (!payment) throw new PaymentMismatch(`no payment ${confirmed.outTradeNo}`)
    if (payment.amountFen !== confirmed.amountFen) throw new PaymentMismatch(`paid ${confirmed.amountFen} fen, expected ${payment.amountFen}`)
    const order = await lockOrder(tx, deps.dialect, payment.orderId)
    const first = await tx
      .updateTable('payments')
      .set({ status: 'succeeded', transactionId: confirmed.transactionId, succeededAt: now, updatedAt: now })
      .where('id', '=', payment.id)
      .where('status', '!=', 'succeeded')
      .executeTakeFirst()
    if (Number(first.numUpdatedRows) !== 1) return { outcome: 'already_applied' as const, closed: [] }

    if (order?.status === 'pending_payment') {
      const code = await pickupCodeFor(tx, deps.pickupCodes, order.pickupPointId)
      const moved = await moveOrder(tx, order.id, 'pending_payment', 'paid', now, { paidAt: now, pickupCodeHash: deps.pickupCodes.hash(order.pickupPointId, code), pickupCodeSealed: deps.pickupCodes.seal(code) })
      if (moved) {
        // The parcels go on the collection run this payment's time decides, and the order's number with it.
        const rules = await loadOrderRules(tx, order.pickupPointId)
        const runDate = collectionRunDateFor(now, rules.pickup)
        await tx.updateTable('parcels').set({ collectionRunDate: runDate, updatedAt: now }).where('orderId', '=', order.id).execute()
        await recordOrderEvent(tx, order.id, 'paid', now)
        // Each farmer is told from the outbox, after this commits: WeChat never holds up a payment.
        const parcels = await tx.selectFrom('parcels').select(['id', 'farmerId']).where('orderId', '=', order.id).execute()
        await tx.insertInto('farmerMessages').values(parcels.map((p) => ({ id: newId('fmsg'), parcelId: p.id, farmerId: p.farmerId, status: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, sentAt: null }))).execute()
        // Paid through a payment the buyer had left for another provider: the open one is not needed.
        const closed = await closeOpenPayments(tx, order.id, now)
        await syncOrderLedger(tx, order.id, now)
        // Last: the county's counter row is shared by every payment of the day.
        await numberOrder(tx, order, runDate)
        return { outcome: 'paid' as const, closed }
      }
    }
    // Paid through another payment already, or ended: this money goes back.
    await createRefund(tx, { ...payment, status: 'succeeded' }, now)
    await syncOrderLedger(tx, payment.orderId, now)
    return { outcome: 'refund_due' as const, closed: [] }
  })
  await closeAtProviders(deps.providers, closed)
  return outcome
}

/** A code no open order of this pickup point holds (the partial unique index backs this up). */
function pickupCodeFor(tx: WriteTx, codes: PickupCodes, pickupPointId: string): Promise<string> {
  return generateUniquePickupCodeAsync(
    (count) => randomBytes(count),
    async (code) => {
      const taken = await tx
        .selectFrom('orders')
        .select('id')
        .where('pickupPointId', '=', pickupPointId)
        .where('pickupCodeHash', '=', codes.hash(pickupPointId, code))
        .where('status', 'in', ORDER_STATUSES_HOLDING_PICKUP_CODE)
        .executeTakeFirst()
      return taken !== undefined
    },
  )
}
