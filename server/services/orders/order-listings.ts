import type { Kysely } from 'kysely'
import type { OrderLineInput } from '../../../src/domain/pricing'
import type { RequestedLine } from '../../../src/domain/order-lines'
import type { Unit } from '../../../src/domain/units'
import type { DB } from '../../db/schema'
import type { PhotoStorage } from '../../storage/photo-storage'
import { notFound } from '../service-error'

/* The listings an order names, as they are now: the price, stock and farmer an order is made
   from always come from here, never from what the buyer sent. */

export interface OrderListing {
  id: string
  title: string
  status: string
  stock: number
  priceFen: number
  unit: Unit
  unitWeightGrams: number
  farmerId: string
  farmerName: string
  villageId: string
  villageName: string
  countyId: string
  /** Its first photo's thumbnail, for the order's and the quote's lines. */
  coverThumbKey: string | null
}

/** The named listings by id; an id that names no listing at all is a 404. */
export async function loadOrderListings(db: Kysely<DB>, listingIds: string[]): Promise<Map<string, OrderListing>> {
  const rows = await db
    .selectFrom('listings')
    .innerJoin('farmers', 'farmers.id', 'listings.farmerId')
    .innerJoin('villages', 'villages.id', 'listings.villageId')
    .leftJoin('listingPhotos', (join) => join.onRef('listingPhotos.listingId', '=', 'listings.id').on('listingPhotos.position', '=', 0))
    .leftJoin('photos', 'photos.id', 'listingPhotos.photoId')
    .select([
      'listings.id',
      'listings.title',
      'listings.status',
      'listings.stock',
      'listings.priceFen',
      'listings.unit',
      'listings.unitWeightGrams',
      'listings.farmerId',
      'farmers.name as farmerName',
      'listings.villageId',
      'villages.name as villageName',
      'listings.countyId',
      'photos.thumbKey as coverThumbKey',
    ])
    .where('listings.id', 'in', listingIds)
    .execute()
  const byId = new Map(rows.map((row) => [row.id, { ...row, unit: row.unit as Unit }]))
  for (const id of listingIds) if (!byId.has(id)) throw notFound('listing')
  return byId
}

/** Each listing's cover thumbnail path on this server. */
export function coversOf(listings: Map<string, OrderListing>, storage: PhotoStorage): Map<string, string> {
  const covers = new Map<string, string>()
  for (const listing of listings.values()) if (listing.coverThumbKey) covers.set(listing.id, storage.pathFor(listing.coverThumbKey))
  return covers
}

/** Whether this listing can be ordered for this county center's pickup, in this quantity. */
export function isOrderable(listing: OrderListing, countyId: string, quantity: number): boolean {
  return listing.status === 'live' && listing.countyId === countyId && listing.stock >= quantity
}

export function pricingLine(listing: OrderListing, line: RequestedLine): OrderLineInput {
  return { listingId: listing.id, farmerId: listing.farmerId, unitPriceFen: listing.priceFen, quantity: line.quantity, unit: listing.unit, unitWeightGrams: listing.unitWeightGrams }
}
