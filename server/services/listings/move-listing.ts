import { type ListingStatus, listingStatusMachine } from '../../../src/domain/listing-status'
import type { Updateable } from 'kysely'
import type { ListingTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'

/** What may change with a listing's status: its fields after an edit, the rejection reason. */
export type ListingChanges = Omit<Updateable<ListingTable>, 'id' | 'status' | 'updatedAt' | 'createdAt'>

/** Moves one listing from `from` to `to` only if nobody moved it first; true if this call did.
    The listing machine's table is the gate, as for orders and parcels (moveOrder, moveParcel):
    a move it does not allow is never written, whoever asks. */
export async function moveListing(tx: WriteTx, listingId: string, from: string, to: ListingStatus, now: string, changes: ListingChanges = {}): Promise<boolean> {
  const step = listingStatusMachine.assertTransition(from, to)
  const moved = await tx.updateTable('listings').set({ ...changes, status: step.to, updatedAt: now }).where('id', '=', listingId).where('status', '=', step.from).executeTakeFirst()
  return Number(moved.numUpdatedRows) === 1
}
