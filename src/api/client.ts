/* The API of shared/API.md, one typed function per call the app makes. */
import { request } from './request'
import type { OrderInput, Quote } from './order-types'
import type { CategoryCounts, County, Farmer, Listing, ListingEdit, ListingEvent, ListingQuery, NewFarmerInput, NewListingInput, Page, PickupPoint, SignedIn, User, Village } from './types'

export const devUsers = () => request<User[]>('GET', '/auth/dev/users')
export const devLogin = (userId: string) => request<SignedIn>('POST', '/auth/dev', { body: { userId } })
export const wechatLogin = (code: string) => request<SignedIn>('POST', '/auth/wechat', { body: { code } })
export const logout = () => request<void>('POST', '/auth/logout')
export const me = () => request<User>('GET', '/me')

export const counties = () => request<Page<County>>('GET', '/counties')
export const villages = (countyId: string) => request<Page<Village>>('GET', '/villages', { query: { countyId } })
export const pickupPoints = (countyId: string) => request<Page<PickupPoint>>('GET', '/pickup-points', { query: { countyId } })

export const listings = (query: ListingQuery = {}) => request<Page<Listing>>('GET', '/listings', { query: { ...query } })
export const listing = (id: string) => request<Listing>('GET', `/listings/${encodeURIComponent(id)}`)
export const listingCounts = (countyId?: string) =>
  request<{ counts: CategoryCounts }>('GET', '/listings/counts', { query: { countyId } })

// The farmer's and the cun xiao'er's calls: only pages in the role subpackages use these.
const listingPath = (id: string) => `/listings/${encodeURIComponent(id)}`
export const createListing = (body: NewListingInput) => request<Listing>('POST', '/listings', { body })
export const editListing = (id: string, body: ListingEdit) => request<Listing>('PATCH', listingPath(id), { body })
export const approveListing = (id: string) => request<Listing>('POST', `${listingPath(id)}/approve`)
export const rejectListing = (id: string, reason: string) => request<Listing>('POST', `${listingPath(id)}/reject`, { body: { reason } })
export const withdrawListing = (id: string) => request<Listing>('POST', `${listingPath(id)}/withdraw`)
export const listingHistory = (id: string) => request<Page<ListingEvent>>('GET', `${listingPath(id)}/history`)
export const reviewQueue = (cursor?: string) => request<Page<Listing>>('GET', '/review-queue', { query: { cursor, limit: 20 } })
export const myListings = (cursor?: string) => request<Page<Listing>>('GET', '/my/listings', { query: { cursor, limit: 50 } })
export const villageFarmers = () => request<Page<Farmer>>('GET', '/farmers')
export const addFarmer = (body: NewFarmerInput) => request<Farmer>('POST', '/farmers', { body })
/** At the request of a farmer without an account of her own: her record erased, her listings withdrawn. */
export const deleteFarmerRecord = (farmerId: string) => request<{ farmerId: string; deletedAt: string }>('DELETE', `/farmers/${encodeURIComponent(farmerId)}`)

// What the cart would cost now (the cart is in the main package). The order calls themselves
// are in order-client.ts, which only the buyer subpackage imports.
export const quoteOrder = (body: OrderInput) => request<Quote>('POST', '/orders/quote', { body })
