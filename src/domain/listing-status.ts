/**
 * A listing's life. A farmer's listing waits for the cun xiao'er's review before buyers see it,
 * because the operator vouches for the village's goods; only `live` listings are in the catalog.
 */
import { defineStateMachine, type Refusal, type TransitionTable } from './state-machine'

export const LISTING_STATUSES = ['pending_review', 'live', 'rejected', 'hidden', 'withdrawn'] as const
export type ListingStatus = (typeof LISTING_STATUSES)[number]

export const LISTING_TRANSITIONS: TransitionTable<ListingStatus> = {
  // A farmer may take a listing back before anyone has reviewed it.
  // WeChat's content check may find a photo risky at any time, even after approval: the listing
  // leaves every buyer's view at once (hidden), whoever reviewed it.
  pending_review: ['live', 'rejected', 'withdrawn', 'hidden'],
  // Back to review: an edit by the farmer changes what the operator approved.
  live: ['withdrawn', 'pending_review', 'hidden'],
  // A rejected listing is fixed by editing it, which asks for a new review, or taken back
  // (the farmer gives up on it, or deletes her account).
  rejected: ['pending_review', 'withdrawn'],
  // A hidden listing comes back only through an edit (the photo replaced) and a new review.
  hidden: ['pending_review', 'withdrawn'],
  // Withdrawn is final, so past orders keep pointing at what was actually sold.
  withdrawn: [],
}

export const listingStatusMachine = defineStateMachine({
  name: 'listing',
  transitions: LISTING_TRANSITIONS,
  terminal: ['withdrawn'],
})

export function isListingStatus(value: unknown): value is ListingStatus {
  return listingStatusMachine.isState(value)
}

/** Buyers see, and may order, live listings only. */
export function isListingInCatalog(status: ListingStatus): boolean {
  return status === 'live'
}

/** What the cun xiao'er's review queue shows: listings waiting for review, and those a risky
 *  photo hid, so the operator learns why and can act (edit, or withdraw). */
export const LISTING_STATUSES_IN_REVIEW_QUEUE: readonly ListingStatus[] = ['pending_review', 'hidden']

/** What a risky verdict hides: a listing buyers see or may soon see. */
export const LISTING_STATUSES_HIDDEN_BY_RISKY_PHOTO: readonly ListingStatus[] = ['pending_review', 'live']

export type ListingEditor = 'farmer' | 'operator'

export type ListingEditResult = { ok: true; status: ListingStatus } | Refusal<'listing.withdrawn'>

/**
 * The status a listing has after an edit. A farmer's edit of a live or rejected listing goes
 * back to review (the API contract). The operator IS the reviewer, so their edit of a live
 * listing keeps it live; their edit of a rejected one still returns it to review, from where
 * they can approve it. A withdrawn listing is not edited.
 */
export function listingStatusAfterEdit(status: ListingStatus, editedBy: ListingEditor): ListingEditResult {
  if (status === 'withdrawn') {
    return { ok: false, reason: 'listing.withdrawn', message: 'A withdrawn listing cannot be edited' }
  }
  // A hidden listing needs the reviewer's eyes again, whoever edited it.
  if (status === 'rejected' || status === 'hidden') return { ok: true, status: 'pending_review' }
  if (status === 'live') return { ok: true, status: editedBy === 'farmer' ? 'pending_review' : 'live' }
  return { ok: true, status }
}
