/**
 * An order's life, from the buyer's point of view. Parcels (one per farmer) have their own
 * machine in parcel-status.ts; the two meet in the guards below.
 */
import { isParcelHandedIn, type ParcelStatus } from './parcel-status'
import { defineStateMachine, type Refusal, type TransitionRefusalReason, type TransitionTable } from './state-machine'

export const ORDER_STATUSES = ['pending_payment', 'paid', 'ready_for_pickup', 'picked_up', 'expired', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const ORDER_TRANSITIONS: TransitionTable<OrderStatus> = {
  // Unpaid orders expire after UNPAID_ORDER_TTL_MINUTES so their stock goes back on the shelf.
  pending_payment: ['paid', 'expired', 'cancelled'],
  // paid → cancelled is refunded, and only before any parcel is handed in: see canCancelOrder.
  paid: ['ready_for_pickup', 'cancelled'],
  // Once at the county center the goods are the buyer's to collect; no cancelling from here.
  // Back to paid only when the receipt of a parcel is undone before the buyer's message went out
  // (canUndoParcelStep in parcel-undo.ts): the buyer was never told it was ready.
  ready_for_pickup: ['picked_up', 'paid'],
  picked_up: [],
  expired: [],
  cancelled: [],
}

export const orderStatusMachine = defineStateMachine({
  name: 'order',
  transitions: ORDER_TRANSITIONS,
  terminal: ['picked_up', 'expired', 'cancelled'],
})

export function isOrderStatus(value: unknown): value is OrderStatus {
  return orderStatusMachine.isState(value)
}

/**
 * An open order still holds its stock and its pickup code; pickup codes need only be unique
 * among the open orders of one county center.
 */
export function isOrderOpen(status: OrderStatus): boolean {
  return !orderStatusMachine.isTerminal(status)
}

/** The buyer sees the pickup code once the order is paid, and keeps it as a record afterwards;
    the desk finds an order by the code among these (a picked-up one to say it was collected). */
export const ORDER_STATUSES_SHOWING_PICKUP_CODE: readonly OrderStatus[] = Object.freeze(['paid', 'ready_for_pickup', 'picked_up'])

/** An order holds its code from payment until it leaves the desk: a new code need only differ
    from these at the same pickup point (the partial unique index of migration 003 says the same,
    and a migration is history, so it keeps its own copy of the list). */
export const ORDER_STATUSES_HOLDING_PICKUP_CODE: readonly OrderStatus[] = Object.freeze(['paid', 'ready_for_pickup'])

/** The county claims its shipping subsidy for the orders a buyer paid and kept: never paid
    (expired) or cancelled gave the subsidy back. A refunded order is left out by its refund. */
export const ORDER_STATUSES_COUNTING_FOR_SUBSIDY: readonly OrderStatus[] = Object.freeze(['paid', 'ready_for_pickup', 'picked_up'])

export function isPickupCodeShown(status: OrderStatus): boolean {
  return ORDER_STATUSES_SHOWING_PICKUP_CODE.includes(status)
}

export type OrderCancelRefusalReason = TransitionRefusalReason | 'order.parcel_handed_in'

export type OrderCancelDecision =
  | { ok: true; to: 'cancelled'; refundRequired: boolean }
  | Refusal<OrderCancelRefusalReason>

/**
 * Whether an order may be cancelled now. A paid order may be cancelled (and refunded) only
 * while every parcel is still with its farmer: once one is handed in at a village service
 * center, the operator and the collection run have done work and the farmer has parted with
 * the goods. When allowed, the order's parcels (all awaiting collection) are cancelled with it.
 */
export function canCancelOrder(status: OrderStatus, parcelStatuses: readonly ParcelStatus[]): OrderCancelDecision {
  const transition = orderStatusMachine.transition(status, 'cancelled')
  if (!transition.ok) return transition
  if (parcelStatuses.some(isParcelHandedIn)) {
    return {
      ok: false,
      reason: 'order.parcel_handed_in',
      message: 'A parcel of this order has already been handed in at the village, so it can no longer be cancelled',
    }
  }
  return { ok: true, to: 'cancelled', refundRequired: status === 'paid' }
}

/** The order is ready for pickup when every one of its parcels has arrived at the county center. */
export function areAllParcelsReceived(parcelStatuses: readonly ParcelStatus[]): boolean {
  return parcelStatuses.length > 0 && parcelStatuses.every((status) => status === 'received')
}
