/**
 * Who may do what to a listing. A farmer answers for their own goods; the cun xiao'er answers
 * for the village's (they review it, and list for farmers without a phone); buyers see only
 * what is live. Anyone else gets "not found", so nobody learns what a village has under review.
 */
import { isListingInCatalog, type ListingStatus } from './listing-status'

export interface ListingViewer {
  role: string
  farmerId?: string | null
  villageId?: string | null
}

export interface ListingPlace {
  status: ListingStatus
  farmerId: string
  villageId: string
}

export const isListingsFarmer = (listing: ListingPlace, viewer: ListingViewer | null): boolean =>
  viewer?.role === 'farmer' && !!viewer.farmerId && viewer.farmerId === listing.farmerId

export const isVillageOperator = (villageId: string, viewer: ListingViewer | null): boolean =>
  viewer?.role === 'operator' && !!viewer.villageId && viewer.villageId === villageId

/** Edit, withdraw and read the history: the listing's farmer or its village's operator. */
export function canManageListing(listing: ListingPlace, viewer: ListingViewer | null): boolean {
  return isListingsFarmer(listing, viewer) || isVillageOperator(listing.villageId, viewer)
}

/** Approve or reject: only the operator of the listing's village. */
export function canReviewListing(listing: ListingPlace, viewer: ListingViewer | null): boolean {
  return isVillageOperator(listing.villageId, viewer)
}

/** Live listings are public; the others only for those who manage them. */
export function canViewListing(listing: ListingPlace, viewer: ListingViewer | null): boolean {
  return isListingInCatalog(listing.status) || canManageListing(listing, viewer)
}

/** Nobody but a farmer or a cun xiao'er manages a listing, so everyone else sees each listing
 *  the same way: as a buyer does. */
export const seesListingsAsBuyer = (viewer: ListingViewer | null): boolean => viewer?.role !== 'farmer' && viewer?.role !== 'operator'
