import type { Insertable, Kysely } from 'kysely'
import type { DB, OrderEventKind, OrderEventTable } from '../../db/schema'
import { newId } from '../../ids'

/** Adds a step to the order's timeline, inside the transaction that made it happen. */
export async function recordOrderEvent(tx: Kysely<DB>, orderId: string, kind: OrderEventKind, at: string, extra: { parcelId?: string; actorUserId?: string } = {}): Promise<void> {
  const { count } = await tx.selectFrom('orderEvents').select((eb) => eb.fn.countAll<number | string>().as('count')).where('orderId', '=', orderId).executeTakeFirstOrThrow()
  await tx.insertInto('orderEvents').values(eventRow(orderId, Number(count) + 1, kind, at, extra)).execute()
}

/** The first step of a timeline, written with the order itself: there is nothing to count yet. */
export function placedEvent(orderId: string, at: string, actorUserId: string): Insertable<OrderEventTable> {
  return eventRow(orderId, 1, 'placed', at, { actorUserId })
}

function eventRow(orderId: string, seq: number, kind: OrderEventKind, at: string, extra: { parcelId?: string; actorUserId?: string }): Insertable<OrderEventTable> {
  return { id: newId('oev'), orderId, seq, kind, parcelId: extra.parcelId ?? null, actorUserId: extra.actorUserId ?? null, at }
}
