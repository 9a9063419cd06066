import { canManageListing, canReviewListing, canViewListing, type ListingPlace } from '../../src/domain/listing-access'

const place = (status: ListingPlace['status']): ListingPlace => ({ status, farmerId: 'frm_a', villageId: 'vil_a' })
const farmerA = { role: 'farmer', farmerId: 'frm_a', villageId: 'vil_a' }
const farmerB = { role: 'farmer', farmerId: 'frm_b', villageId: 'vil_a' }
const operatorA = { role: 'operator', villageId: 'vil_a' }
const operatorB = { role: 'operator', villageId: 'vil_b' }
const buyer = { role: 'buyer' }
// A buyer who somehow carries a farmer id must not pass as that farmer: the role decides.
const buyerWithFarmerId = { role: 'buyer', farmerId: 'frm_a', villageId: 'vil_a' }

describe('listing access', () => {
  it('shows live listings to everyone, the others only to their farmer and village operator', () => {
    expect(canViewListing(place('live'), null)).toBe(true)
    expect(canViewListing(place('live'), buyer)).toBe(true)
    for (const status of ['pending_review', 'rejected', 'withdrawn'] as const) {
      expect([null, buyer, farmerB, operatorB, buyerWithFarmerId].map((v) => canViewListing(place(status), v))).toEqual([false, false, false, false, false])
      expect(canViewListing(place(status), farmerA)).toBe(true)
      expect(canViewListing(place(status), operatorA)).toBe(true)
    }
  })

  it('lets the farmer and the village operator manage, and only the operator review', () => {
    expect([farmerA, operatorA, farmerB, operatorB, buyer, buyerWithFarmerId, null].map((v) => canManageListing(place('live'), v))).toEqual([true, true, false, false, false, false, false])
    expect([farmerA, operatorA, operatorB, null].map((v) => canReviewListing(place('pending_review'), v))).toEqual([false, true, false, false])
  })

  it('never treats a missing id as a match', () => {
    const orphan = { ...place('pending_review'), farmerId: '' }
    expect(canManageListing(orphan, { role: 'farmer', farmerId: '' })).toBe(false)
    expect(canReviewListing(place('pending_review'), { role: 'operator', villageId: null })).toBe(false)
  })
})
