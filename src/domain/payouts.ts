/**
 * Payouts: the county sends farmers and cun xiao'er what is payable to them. A county clerk
 * draws up a payout run (everyone owed at least the minimum: settlement.ts); a second clerk of
 * the same county approves it before a fen leaves: two people, both recorded. Each payee's payout
 * then goes out as a WeChat Pay transfer bill the payee confirms in the mini-program, or, for a
 * farmer without WeChat, is recorded as paid at the service center (cash or bank transfer) with
 * a reference and, again, a second clerk's approval. From the run's approval until it is paid (or
 * returned) the money is in flight: no longer payable, not yet the payee's.
 */
import { forbiddenCharacterIn } from './plain-text'
import type { Refusal } from './state-machine'
import { defineStateMachine, type TransitionTable } from './state-machine'

export const PAYOUT_RUN_STATUSES = ['awaiting_approval', 'approved', 'rejected'] as const
export type PayoutRunStatus = (typeof PAYOUT_RUN_STATUSES)[number]

export const PAYOUT_RUN_TRANSITIONS: TransitionTable<PayoutRunStatus> = {
  // Rejected puts every amount back as payable; the next run draws them up again.
  awaiting_approval: ['approved', 'rejected'],
  approved: [],
  rejected: [],
}

export const payoutRunStatusMachine = defineStateMachine({ name: 'payout run', transitions: PAYOUT_RUN_TRANSITIONS })

export const PAYOUT_STATUSES = ['drafted', 'sending', 'awaiting_confirmation', 'to_hand_over', 'awaiting_offline_approval', 'paid', 'returned', 'withdrawn'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

export const PAYOUT_TRANSITIONS: TransitionTable<PayoutStatus> = {
  // In a run not yet approved. Approved: out by WeChat, or handed over at the service center for
  // a payee without WeChat. Withdrawn when the run is rejected or the balance shrank meanwhile.
  drafted: ['sending', 'to_hand_over', 'withdrawn'],
  // The bill is being created at WeChat Pay; an answer lost on the way leaves it here until the
  // bill is found by its number. A bill WeChat refused outright returns the amount.
  sending: ['awaiting_confirmation', 'paid', 'returned'],
  // WAIT_USER_CONFIRM: the payee accepts in WeChat, or 24 hours pass.
  awaiting_confirmation: ['paid', 'returned'],
  // Cash or a bank transfer: one clerk records it with a reference, another approves it (or
  // refuses, and it waits to be handed over again).
  to_hand_over: ['awaiting_offline_approval'],
  awaiting_offline_approval: ['paid', 'to_hand_over'],
  paid: [],
  returned: [],
  withdrawn: [],
}

export const payoutStatusMachine = defineStateMachine({ name: 'payout', transitions: PAYOUT_TRANSITIONS })

/** A payout whose money is out of the payable balance: between the run's approval and its end. */
export const PAYOUT_STATUSES_IN_FLIGHT: readonly PayoutStatus[] = ['sending', 'awaiting_confirmation', 'to_hand_over', 'awaiting_offline_approval']

/** Where a payout stands once WeChat Pay names its bill's state; null while WeChat is still working. */
export function payoutStatusForTransfer(state: string): PayoutStatus | null {
  if (state === 'SUCCESS') return 'paid'
  if (state === 'FAIL' || state === 'CANCELLED') return 'returned'
  if (state === 'WAIT_USER_CONFIRM' || state === 'TRANSFERING') return 'awaiting_confirmation'
  // ACCEPTED, PROCESSING, CANCELING: nothing the payee can do yet, nothing final.
  return null
}

export interface Clerk {
  userId: string
  countyId: string
}

export type SecondPersonRefusalReason = 'payout.same_person' | 'payout.other_county'

/**
 * The four-eyes rule: whoever approves a run (or an offline payout) is a clerk of the same county
 * who did not draw it up (or record it).
 */
export function checkSecondPerson(madeBy: Clerk, approver: Clerk): { ok: true } | Refusal<SecondPersonRefusalReason> {
  if (approver.countyId !== madeBy.countyId) return { ok: false, reason: 'payout.other_county', message: 'Only a clerk of the same county approves its payouts' }
  if (approver.userId === madeBy.userId) return { ok: false, reason: 'payout.same_person', message: 'A second clerk approves what the first drew up' }
  return { ok: true }
}

/** A cash or bank payout's reference (a receipt number, the bank's serial): one line someone can read back. */
export const OFFLINE_REFERENCE_MAX_LENGTH = 100

export type OfflineReferenceRefusalReason = 'payout.reference_empty' | 'payout.reference_too_long' | 'payout.reference_not_plain'

/** The reference as it will be kept (trimmed), or why not: the server's limits, checked before sending. */
export function checkOfflineReference(text: string): { ok: true; reference: string } | { ok: false; reason: OfflineReferenceRefusalReason } {
  const reference = text.trim()
  if (reference === '') return { ok: false, reason: 'payout.reference_empty' }
  // Characters as a person counts them (and as the server's JSON Schema does): an emoji is one.
  if ([...reference].length > OFFLINE_REFERENCE_MAX_LENGTH) return { ok: false, reason: 'payout.reference_too_long' }
  if (forbiddenCharacterIn(reference) !== null) return { ok: false, reason: 'payout.reference_not_plain' }
  return { ok: true, reference }
}
