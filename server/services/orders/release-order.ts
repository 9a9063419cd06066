import { orderStatusMachine, type OrderStatus } from '../../../src/domain/order-status'
import { parcelStatusMachine } from '../../../src/domain/parcel-status'
import type { WriteTx } from '../../db/write-transaction'
import { inListingIdOrder } from './lock-order'

/* An order that ends before its goods leave the farmers (expired unpaid, or cancelled) puts its
   stock back on the shelf and cancels its parcels. Called only by the transaction that moved
   the order's status with a conditional update, so it runs once per order. The listings' rows are
   locked in the order placing an order takes them (lock-order.ts): in the order of the lines, an
   order of millet and oats given back while another of oats and millet was placed or given back
   deadlocked on PostgreSQL. */
export async function releaseOrder(tx: WriteTx, orderId: string, now: string): Promise<void> {
  const lines = await tx.selectFrom('orderLines').select(['listingId', 'quantity']).where('orderId', '=', orderId).execute()
  for (const line of inListingIdOrder(lines)) {
    await tx
      .updateTable('listings')
      .set((eb) => ({ stock: eb('stock', '+', line.quantity), updatedAt: now }))
      .where('id', '=', line.listingId)
      .execute()
  }
  parcelStatusMachine.assertTransition('awaiting_collection', 'cancelled')
  await tx.updateTable('parcels').set({ status: 'cancelled', updatedAt: now }).where('orderId', '=', orderId).where('status', '=', 'awaiting_collection').execute()
}

/** Moves the order from `from` to `to` only if nobody moved it first; true if this call did.
    The order machine's table is the gate: a move it does not allow is never written, whoever
    asks (a DomainError `state_machine.transition_refused`, answered 409). */
export async function moveOrder(tx: WriteTx, orderId: string, from: string, to: OrderStatus, now: string, extra: { paidAt?: string; pickupCodeHash?: string; pickupCodeSealed?: string; ended?: boolean } = {}): Promise<boolean> {
  const step = orderStatusMachine.assertTransition(from, to)
  const result = await tx
    .updateTable('orders')
    .set({
      status: to,
      updatedAt: now,
      ...(extra.paidAt ? { paidAt: extra.paidAt } : {}),
      ...(extra.pickupCodeHash ? { pickupCodeHash: extra.pickupCodeHash, pickupCodeSealed: extra.pickupCodeSealed } : {}),
      ...(extra.ended ? { endedAt: now } : {}),
    })
    .where('id', '=', orderId)
    .where('status', '=', step.from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
