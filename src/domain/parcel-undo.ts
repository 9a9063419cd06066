/**
 * A tap on 已收到 (collect) or 收货 (receive) made by mistake can be taken back. A thumb slips on
 * a busy evening at the village service center or at the county desk; without a way back, the
 * parcel would sit in the wrong state until someone edits the database.
 *
 * Taking back is allowed only where nobody has relied on the step yet: by the person who made
 * it (a colleague's step is theirs to answer for), within PARCEL_UNDO_MINUTES (after that, the
 * parcel may already be on the truck or on the shelf), and never once the order has moved on:
 * a received parcel's order picked up, or ready for pickup with the buyer already told.
 */
import { addMinutesIso, parseInstant, type Instant } from './china-time'
import { orderStatusMachine, type OrderStatus } from './order-status'
import { parcelStatusMachine, type ParcelStatus } from './parcel-status'
import type { Refusal, TransitionRefusalReason } from './state-machine'

export const PARCEL_UNDO_MINUTES = 10

/** The step each status undoes to: the parcel machine's way back (parcel-status.ts). */
export const PARCEL_UNDO_TO: Partial<Record<ParcelStatus, ParcelStatus>> = {
  collected: 'awaiting_collection',
  received: 'collected',
}

export type ParcelUndoRefusalReason =
  | TransitionRefusalReason
  | 'undo.nothing_to_undo'
  | 'undo.not_yours'
  | 'undo.parcel_moved_on'
  | 'undo.too_late'
  | 'undo.order_moved_on'

export interface ParcelUndoFacts {
  parcel: {
    status: ParcelStatus
    collectedBy: string | null
    collectedAt: string | null
    receivedBy: string | null
    receivedAt: string | null
  }
  order: { status: OrderStatus; readyMessageSent: boolean }
  actorUserId: string
  now: Instant
}

export type ParcelUndoDecision =
  | { ok: true; from: ParcelStatus; to: ParcelStatus; orderTo: OrderStatus | null }
  | Refusal<ParcelUndoRefusalReason>

const refuse = (reason: ParcelUndoRefusalReason, message: string): Refusal<ParcelUndoRefusalReason> => ({ ok: false, reason, message })

/** Who made the parcel's last step and when, if that step is one that can be undone. */
export function lastParcelStep(parcel: ParcelUndoFacts['parcel']): { by: string | null; at: string | null } | null {
  if (parcel.status === 'collected') return { by: parcel.collectedBy, at: parcel.collectedAt }
  if (parcel.status === 'received') return { by: parcel.receivedBy, at: parcel.receivedAt }
  return null
}

/** Until when the step made at `at` can be undone (ISO UTC). */
export function undoDeadline(at: Instant): string {
  return addMinutesIso(at, PARCEL_UNDO_MINUTES)
}

/** Whether `actorUserId` may undo the parcel's last step now, and where parcel and order go. */
export function canUndoParcelStep(facts: ParcelUndoFacts): ParcelUndoDecision {
  const { parcel, order } = facts
  const to = PARCEL_UNDO_TO[parcel.status]
  const step = lastParcelStep(parcel)
  if (!to || !step) return refuse('undo.nothing_to_undo', `a ${parcel.status} parcel has no step to undo`)
  const transition = parcelStatusMachine.transition(parcel.status, to)
  if (!transition.ok) return transition
  if (step.by !== facts.actorUserId) {
    // The cun xiao'er whose collect the county has received since: too late, not someone else's.
    if (parcel.status === 'received' && parcel.collectedBy === facts.actorUserId) {
      return refuse('undo.parcel_moved_on', 'the county center has received this parcel since')
    }
    return refuse('undo.not_yours', 'only the person who made this step can undo it')
  }
  if (!step.at || parseInstant(facts.now).getTime() >= parseInstant(undoDeadline(step.at)).getTime()) {
    return refuse('undo.too_late', `a step can be undone for ${PARCEL_UNDO_MINUTES} minutes only`)
  }
  if (parcel.status === 'collected') {
    // Collecting only happens while the order is paid; anything else means it went on without us.
    if (order.status !== 'paid') return refuse('undo.order_moved_on', `the order is ${order.status}`)
    return { ok: true, from: parcel.status, to, orderTo: null }
  }
  if (order.status === 'paid') return { ok: true, from: parcel.status, to, orderTo: null }
  if (order.status !== 'ready_for_pickup') return refuse('undo.order_moved_on', `the order is ${order.status}`)
  if (order.readyMessageSent) return refuse('undo.order_moved_on', 'the buyer has already been told the order is ready')
  const back = orderStatusMachine.transition('ready_for_pickup', 'paid')
  if (!back.ok) return back
  return { ok: true, from: parcel.status, to, orderTo: 'paid' }
}
