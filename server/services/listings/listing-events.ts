import type { ListingStatus } from '../../../src/domain/listing-status'
import type { ListingAction } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'

/** Records one change of a listing in its history: who (null: WeChat's content check, no
 *  person), what, from which status to which. Called after the listing row was written in this
 *  transaction, which holds its lock, so the sequence numbers cannot collide. */
export async function recordListingEvent(
  tx: WriteTx,
  at: string,
  listingId: string,
  actorUserId: string | null,
  action: ListingAction,
  from: ListingStatus | null,
  to: ListingStatus,
  extra: { reason?: string; changed?: string[] } = {},
): Promise<void> {
  const { count } = await tx.selectFrom('listingEvents').select((eb) => eb.fn.countAll<number | string>().as('count')).where('listingId', '=', listingId).executeTakeFirstOrThrow()
  await tx
    .insertInto('listingEvents')
    .values({ id: newId('lev'), listingId, seq: Number(count) + 1, actorUserId, action, fromStatus: from, toStatus: to, reason: extra.reason ?? null, changedFields: (extra.changed ?? []).join(','), at })
    .execute()
}
