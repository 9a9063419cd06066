import { type ParcelStatus, parcelStatusMachine } from '../../../src/domain/parcel-status'
import type { ParcelTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'

type ParcelStamps = Partial<Pick<ParcelTable, 'collectedAt' | 'collectedBy' | 'receivedAt' | 'receivedBy'>>

/** Moves one parcel from `from` to `to` only if nobody moved it first; true if this call did.
    The parcel machine's table is the gate, as for orders (release-order.ts's moveOrder). */
export async function moveParcel(tx: WriteTx, parcelId: string, from: string, to: ParcelStatus, now: string, stamps: ParcelStamps = {}): Promise<boolean> {
  const step = parcelStatusMachine.assertTransition(from, to)
  const moved = await tx.updateTable('parcels').set({ status: to, updatedAt: now, ...stamps }).where('id', '=', parcelId).where('status', '=', step.from).executeTakeFirst()
  return Number(moved.numUpdatedRows) === 1
}
