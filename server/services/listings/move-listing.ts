import { type ListingStatus, listingStatusMachine } from '../../../src/domain/listing-status'
import type { ListingAction, ListingTable } from '../../db/schema'
import { newId } from '../../ids'
import type { WriteTx } from '../../db/write-transaction'

/** What may change with a listing's status: its fields after an edit, the rejection reason. */
export type ListingChanges = Partial<Omit<ListingTable, 'id' | 'status' | 'updatedAt' | 'createdAt'>>

/** Moves one listing from `from` to `to` only if nobody moved it first; true if this call did.
    The listing machine's table is the gate, as for orders and parcels (moveOrder, moveParcel):
    a move it does not allow is never written, whoever asks. */
export async function moveListing(tx: WriteTx, listingId: string, from: string, to: ListingStatus, now: string, changes: ListingChanges = {}): Promise<boolean> {
  const step = listingStatusMachine.assertTransition(from, to)
  const moved = await tx.updateTable('listings').set({ ...changes, status: step.to, updatedAt: now }).where('id', '=', listingId).where('status', '=', step.from).executeTakeFirst()
  return Number(moved.numUpdatedRows) === 1
}

/** Writes a listing's next history step. Called after the listing row was written in this
 *  transaction, which holds its lock, so the sequence cannot be taken twice. */
export async function recordListingEvent(
  tx: WriteTx,
  step: { listingId: string; actorUserId: string; action: ListingAction; from: ListingStatus | null; to: ListingStatus; at: string; reason?: string; changed?: string[] },
): Promise<void> {
  const { count } = await tx.selectFrom('listingEvents').select((eb) => eb.fn.countAll<number | string>().as('count')).where('listingId', '=', step.listingId).executeTakeFirstOrThrow()
  await tx
    .insertInto('listingEvents')
    .values({ id: newId('lev'), listingId: step.listingId, seq: Number(count) + 1, actorUserId: step.actorUserId, action: step.action, fromStatus: step.from, toStatus: step.to, reason: step.reason ?? null, changedFields: (step.changed ?? []).join(','), at: step.at })
    .execute()
}
