import { balanceHoldsAccount, holdsAccountOpen } from '../../src/domain/account-deletion'
import { listingStatusMachine } from '../../src/domain/listing-status'
import { ORDER_STATUSES } from '../../src/domain/order-status'
import { PAYOUT_MINIMUM_FEN } from '../../src/domain/settlement'

describe('what keeps an account from being deleted', () => {
  it('is every order not yet ended, and an ended one with a case undecided or its shipping information unsent', () => {
    const open = ORDER_STATUSES.filter((status) => holdsAccountOpen({ status, caseStatuses: [], shippingUploadPending: false }))
    expect(open).toEqual(['pending_payment', 'paid', 'ready_for_pickup'])
    expect(holdsAccountOpen({ status: 'picked_up', caseStatuses: ['refunded', 'reported'], shippingUploadPending: false })).toBe(true)
    expect(holdsAccountOpen({ status: 'picked_up', caseStatuses: ['refunded', 'declined'], shippingUploadPending: false })).toBe(false)
    expect(holdsAccountOpen({ status: 'picked_up', caseStatuses: [], shippingUploadPending: true })).toBe(true)
  })

  it('is money still coming to the person, but not a balance too small ever to be paid out, nor a debt', () => {
    const none = { pendingFen: 0, payableFen: 0, inFlightFen: 0 }
    expect(balanceHoldsAccount(none)).toBe(false)
    expect(balanceHoldsAccount({ ...none, pendingFen: 1 })).toBe(true)
    expect(balanceHoldsAccount({ ...none, inFlightFen: 500 })).toBe(true)
    expect(balanceHoldsAccount({ ...none, payableFen: PAYOUT_MINIMUM_FEN })).toBe(true)
    expect(balanceHoldsAccount({ ...none, payableFen: PAYOUT_MINIMUM_FEN - 1 })).toBe(false)
    expect(balanceHoldsAccount({ ...none, payableFen: -1200 })).toBe(false)
  })

  it("lets every listing that is not yet withdrawn be withdrawn, so a deleted farmer's goods leave", () => {
    for (const status of listingStatusMachine.states) if (status !== 'withdrawn') expect([status, listingStatusMachine.can(status, 'withdrawn')]).toEqual([status, true])
  })
})
