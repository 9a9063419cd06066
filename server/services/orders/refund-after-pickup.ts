import type { UserTable } from '../../db/schema'
import { writeTransaction } from '../../db/write-transaction'
import { ServiceError, notFound } from '../service-error'
import { createRefund, processRefunds, type RefundDeps } from '../payments/refunds'
import { reverseCommissions } from '../pickups/commissions'
import { syncOrderLedger } from '../ledger/order-ledger-sync'
import { lockOrder } from './lock-order'
import { type OrderView, type OrderViewDeps, viewOrders } from './order-view'

export type RefundAfterPickupDeps = RefundDeps & OrderViewDeps

/* An order already picked up can still be refunded by Xiangji's staff (the lamb was spoiled):
   the buyer's money goes back through the provider and the cun xiao'er's commission on it is
   taken back, both once, however often this is asked. The order stays picked up: it was.
   Answers the order as it reads after the refund was sent. */
export async function refundPickedUpOrder(deps: RefundAfterPickupDeps, _admin: UserTable, orderId: string): Promise<OrderView> {
  await writeTransaction(deps.db, deps.dialect, async (tx) => {
    const now = deps.clock().toISOString()
    // The order first (lock-order.ts), as every refund's transaction takes it.
    const order = await lockOrder(tx, deps.dialect, orderId)
    if (!order) throw notFound('order')
    if (order.status !== 'picked_up') throw new ServiceError('INVALID_TRANSITION', 'only an order already picked up is refunded this way; the buyer cancels before that', { from: order.status, to: 'refunded' })
    const payment = await tx.selectFrom('payments').selectAll().where('orderId', '=', orderId).where('status', '=', 'succeeded').executeTakeFirst()
    if (!payment) throw new ServiceError('INVALID_TRANSITION', 'this order has no payment to refund', { from: order.status, to: 'refunded' })
    await createRefund(tx, payment, now)
    await reverseCommissions(tx, orderId, now)
    await syncOrderLedger(tx, orderId, now)
  })
  await processRefunds(deps, [orderId])
  const order = await deps.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
  return (await viewOrders(deps, [order]))[0]
}
