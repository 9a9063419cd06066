import { moveParcel } from './move-parcel'
import { canUndoParcelStep, type ParcelUndoRefusalReason } from '../../../src/domain/parcel-undo'
import type { DialectName } from '../../db/database'
import type { OrderTable, ParcelTable, UserTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { ServiceError, notFound } from '../service-error'
import { lockOrder } from '../orders/lock-order'
import { recordOrderEvent } from '../orders/order-events'
import { moveOrder } from '../orders/release-order'

/* A mistaken 已收到 or 收货 taken back (src/domain/parcel-undo.ts decides whether it may be). It
   takes the order's lock first, like every move of an order's parcels (lock-order.ts), so it and
   the next step (the county receiving the parcel, the desk handing the order over) run one after
   the other and the second sees what the first did: exactly one of them wins.

   Undoing the receipt that made the order ready takes the order back to paid and drops the
   buyer's ready message from the outbox, so the next receipt queues it again. The order jobs send
   outside this lock: a message already being sent at this very moment still goes out; the rule
   refuses only once the outbox says it was sent. */

export function refusalError(reason: ParcelUndoRefusalReason, message: string): ServiceError {
  // Someone else's step is a matter of who may, as elsewhere; the rest is the parcel's state.
  if (reason === 'undo.not_yours') return new ServiceError('FORBIDDEN', message, { reason })
  return new ServiceError('UNDO_REFUSED', message, { reason })
}

function mayTouch(actor: UserTable, parcel: ParcelTable, order: OrderTable): boolean {
  if (actor.role === 'operator') return parcel.villageId === actor.villageId
  if (actor.role === 'county_staff') return order.countyId === actor.countyId
  return false
}

/** Undoes the actor's last step on the parcel inside `tx`: the parcel as it now is. */
export async function undoParcelStep(tx: WriteTx, dialect: DialectName, actor: UserTable, parcelId: string, now: string): Promise<ParcelTable> {
  const found = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirst()
  const order = found ? await lockOrder(tx, dialect, found.orderId) : undefined
  if (!found || !order || !mayTouch(actor, found, order)) throw notFound('parcel')
  // Read again under the order's lock: the next step may have landed meanwhile.
  const parcel = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
  const message = await tx.selectFrom('buyerMessages').select('status').where('orderId', '=', order.id).where('kind', '=', 'ready_for_pickup').executeTakeFirst()
  const decision = canUndoParcelStep({
    parcel,
    order: { status: order.status, readyMessageSent: message?.status === 'sent' },
    actorUserId: actor.id,
    now,
  })
  if (!decision.ok) throw refusalError(decision.reason, decision.message)

  const cleared = decision.from === 'collected' ? { collectedAt: null, collectedBy: null } : { receivedAt: null, receivedBy: null }
  if (!(await moveParcel(tx, parcel.id, decision.from, decision.to, now, cleared))) throw refusalError('undo.nothing_to_undo', 'the parcel moved meanwhile')
  await recordOrderEvent(tx, order.id, decision.from === 'collected' ? 'parcel_collect_undone' : 'parcel_receive_undone', now, { parcelId: parcel.id, actorUserId: actor.id })
  if (decision.orderTo) {
    if (!(await moveOrder(tx, order.id, order.status, decision.orderTo, now))) throw refusalError('undo.order_moved_on', 'the order moved meanwhile')
    await tx.deleteFrom('buyerMessages').where('orderId', '=', order.id).where('kind', '=', 'ready_for_pickup').where('status', '!=', 'sent').execute()
  }
  return tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
}
