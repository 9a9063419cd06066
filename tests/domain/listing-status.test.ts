import {
  isListingInCatalog,
  isListingStatus,
  LISTING_STATUSES,
  listingStatusAfterEdit,
  listingStatusMachine as listing,
} from '../../src/domain/listing-status'

describe('listing status', () => {
  it('goes from review to live or rejected, as the operator decides', () => {
    expect(listing.can('pending_review', 'live')).toBe(true)
    expect(listing.can('pending_review', 'rejected')).toBe(true)
  })

  it('lets the farmer withdraw a live listing, or one still waiting for review', () => {
    expect(listing.can('live', 'withdrawn')).toBe(true)
    expect(listing.can('pending_review', 'withdrawn')).toBe(true)
  })

  it('sends an edited live or rejected listing back to review', () => {
    expect(listing.can('live', 'pending_review')).toBe(true)
    expect(listing.can('rejected', 'pending_review')).toBe(true)
  })

  it('never makes a rejected listing live without a new review', () => {
    expect(listing.transition('rejected', 'live')).toMatchObject({ ok: false, reason: 'transition.not_allowed' })
    expect(listing.can('live', 'rejected')).toBe(false)
  })

  it('keeps withdrawn final', () => {
    expect(listing.isTerminal('withdrawn')).toBe(true)
    expect(listing.transition('withdrawn', 'live')).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
  })

  it('lists its statuses and recognises them', () => {
    expect(listing.states).toEqual([...LISTING_STATUSES])
    expect(isListingStatus('live')).toBe(true)
    expect(isListingStatus('sold_out')).toBe(false)
  })

  it('shows only live listings in the catalog', () => {
    expect(LISTING_STATUSES.filter(isListingInCatalog)).toEqual(['live'])
  })
})

describe('listingStatusAfterEdit', () => {
  it("sends a farmer's edit of a live or rejected listing to review", () => {
    expect(listingStatusAfterEdit('live', 'farmer')).toEqual({ ok: true, status: 'pending_review' })
    expect(listingStatusAfterEdit('rejected', 'farmer')).toEqual({ ok: true, status: 'pending_review' })
    expect(listingStatusAfterEdit('pending_review', 'farmer')).toEqual({ ok: true, status: 'pending_review' })
  })

  it("keeps the reviewer's own edit of a live listing live", () => {
    expect(listingStatusAfterEdit('live', 'operator')).toEqual({ ok: true, status: 'live' })
    expect(listingStatusAfterEdit('rejected', 'operator')).toEqual({ ok: true, status: 'pending_review' })
  })

  it('refuses to edit a withdrawn listing', () => {
    expect(listingStatusAfterEdit('withdrawn', 'operator')).toMatchObject({ ok: false, reason: 'listing.withdrawn' })
  })

  it('only ever lands on a status the machine can reach', () => {
    for (const status of LISTING_STATUSES) {
      for (const editor of ['farmer', 'operator'] as const) {
        const result = listingStatusAfterEdit(status, editor)
        if (result.ok && result.status !== status) expect(listing.can(status, result.status)).toBe(true)
      }
    }
    expect.hasAssertions()
  })
})
