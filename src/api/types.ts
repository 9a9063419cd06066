/* The shapes of shared/API.md the app reads and sends. Their one source is the server's
   contract (server/contract): only types come from there (`export type`, which Babel erases),
   so the app never bundles TypeBox. Field names are the contract's. */
import type { Category } from '../domain/catalog'

export type { Named, Page, Photo } from '../../server/contract/common'
export type { ErrorBody } from '../../server/contract/errors'
export type { Farmer, Listing, ListingAction, ListingEdit, ListingEvent, ListingFields as ListingInput, ListingQuery, NewFarmerInput, NewListingInput } from '../../server/contract/listings'
export type { County, PickupPoint, Village } from '../../server/contract/places'
export type { Role, SignedIn, User } from '../../server/contract/users'
export type { ListingStatus } from '../domain/listing-status'

/** GET /listings/counts' `counts`: the server sends every category, so the app may read any. */
export type CategoryCounts = Record<Category, number>
