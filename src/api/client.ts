/* The API of shared/API.md, one typed function per call the app makes. */
import { request } from './request'
import type { CategoryCounts, County, Listing, ListingQuery, Page, PickupPoint, SignedIn, User, Village } from './types'

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
