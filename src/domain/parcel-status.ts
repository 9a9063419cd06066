/**
 * A parcel is one farmer's share of an order: handed in at the village service center, carried
 * to the county center on the collection run, and received there.
 */
import { defineStateMachine, type TransitionTable } from './state-machine'

export const PARCEL_STATUSES = ['awaiting_collection', 'collected', 'received', 'cancelled'] as const
export type ParcelStatus = (typeof PARCEL_STATUSES)[number]

export const PARCEL_TRANSITIONS: TransitionTable<ParcelStatus> = {
  // Cancelled only with its order, and only while the goods are still with the farmer.
  awaiting_collection: ['collected', 'cancelled'],
  // The way back is a mistaken tap undone, and only as canUndoParcelStep (parcel-undo.ts) allows:
  // by the person who tapped, within minutes, before the order has moved on.
  collected: ['received', 'awaiting_collection'],
  received: ['collected'],
  cancelled: [],
}

export const parcelStatusMachine = defineStateMachine({
  name: 'parcel',
  transitions: PARCEL_TRANSITIONS,
  terminal: ['cancelled'],
})

export function isParcelStatus(value: unknown): value is ParcelStatus {
  return parcelStatusMachine.isState(value)
}

/** Once handed in at the village, the goods are on their way and the order can no longer be undone. */
export function isParcelHandedIn(status: ParcelStatus): boolean {
  return status === 'collected' || status === 'received'
}
