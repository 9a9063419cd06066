/* The shapes of shared/API.md the app reads and sends. Field names are the contract's. */
import type { Category } from '../domain/catalog'
import type { Unit } from '../domain/units'

export type Role = 'buyer' | 'farmer' | 'operator' | 'county_staff' | 'admin'

export interface User {
  id: string
  role: Role
  name: string
  villageId?: string
  countyId?: string
  farmerId?: string
}

export interface SignedIn {
  token: string
  user: User
}

/** Every list of API.md: `?limit=&cursor=` → `{items, nextCursor}`. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface County {
  id: string
  name: string
}

export interface Village {
  id: string
  countyId: string
  name: string
  serviceCenterAddress: string
}

export interface PickupPoint {
  id: string
  countyId: string
  name: string
  address: string
  phone: string | null
  openingHours: { opens: string; closes: string; closedWeekdays: number[] }
}

export interface Photo {
  id: string
  url: string
  thumbUrl: string
  width: number
  height: number
}

export interface Named {
  id: string
  name: string
}

export type ListingStatus = 'pending_review' | 'live' | 'rejected' | 'withdrawn'

export interface Listing {
  id: string
  title: string
  category: Category
  unit: Unit
  unitWeightGrams: number
  priceFen: number
  stock: number
  soldOut: boolean
  status: ListingStatus
  description: string
  photos: Photo[]
  farmer: Named
  village: Named
  listedBy?: Named
  rejectionReason?: string
  createdAt: string
  updatedAt: string
}

export interface ListingQuery {
  category?: Category
  q?: string
  villageId?: string
  countyId?: string
  limit?: number
  cursor?: string
}

/** What a farmer (or the operator for them) fills in: POST /listings, and PATCH without farmerId. */
export interface ListingInput {
  title: string
  category: Category
  unit: Unit
  unitWeightGrams: number
  priceFen: number
  stock: number
  photoIds: string[]
  description: string
}

/** A farmer of the operator's village; `hasAccount` false means no phone: the operator lists for them. */
export interface Farmer {
  id: string
  name: string
  phone: string | null
  villageId: string
  hasAccount: boolean
}

export type ListingAction = 'created' | 'edited' | 'approved' | 'rejected' | 'withdrawn'

/** One line of GET /listings/:id/history. */
export interface ListingEvent {
  at: string
  actor: Named
  action: ListingAction
  fromStatus: ListingStatus | null
  toStatus: ListingStatus
  reason?: string
  changedFields?: string[]
}

export type CategoryCounts = Record<Category, number>

/** The error body every failed API call carries. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}
