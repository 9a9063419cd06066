import type { Kysely } from 'kysely'
import type { DB, OrderEventKind } from '../../db/schema'
import { newId } from '../../ids'

/** Adds a step to the order's timeline, inside the transaction that made it happen. */
export async function recordOrderEvent(tx: Kysely<DB>, orderId: string, kind: OrderEventKind, at: string, extra: { parcelId?: string; actorUserId?: string } = {}): Promise<void> {
  const { count } = await tx.selectFrom('orderEvents').select((eb) => eb.fn.countAll<number | string>().as('count')).where('orderId', '=', orderId).executeTakeFirstOrThrow()
  await tx
    .insertInto('orderEvents')
    .values({ id: newId('oev'), orderId, seq: Number(count) + 1, kind, parcelId: extra.parcelId ?? null, actorUserId: extra.actorUserId ?? null, at })
    .execute()
}
