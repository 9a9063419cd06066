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

/** Once handed in at the village, the goods are on their way and the order can no longer be
    cancelled; the county's manifest of a run lists these, as the parcels that left the villages. */
export const PARCEL_STATUSES_HANDED_IN: readonly ParcelStatus[] = Object.freeze(['collected', 'received'])

/** A village's list of a run: every parcel its farmers owe or owed to it. A cancelled parcel is
    never handed in, so the cun xiao'er does not go round for it. */
export const PARCEL_STATUSES_ON_VILLAGE_RUN: readonly ParcelStatus[] = Object.freeze(['awaiting_collection', 'collected', 'received'])

export function isParcelHandedIn(status: ParcelStatus): boolean {
  return PARCEL_STATUSES_HANDED_IN.includes(status)
}
