import { sql } from 'kysely'
import type { RequestedLine } from '../../../src/domain/order-lines'
import type { DialectName } from '../../db/database'
import type { WriteTx } from '../../db/write-transaction'
import { ServiceError } from '../service-error'
import { inListingIdOrder } from './lock-order'
import type { OrderListing } from './order-listings'

/* The last step of placing an order: its stock taken. Last, so the listings' row locks are held
   as briefly as possible; in listing id order (lock-order.ts), so two orders for the same
   listings cannot deadlock. Each line is a conditional update that re-checks stock, status and
   price, so no interleaving of buyers can take stock below zero or sell at a price that just
   changed. On PostgreSQL the updates are one call (take_stock, migration 014), so the locks
   of the first lines are not held across a round trip per further line. */

/** The listing whose price moved under a running order, and its price now. */
export interface PriceChange {
  listingId: string
  priceFen: number
}

export const outOfStock = (listing: OrderListing, available: number) =>
  new ServiceError('OUT_OF_STOCK', `only ${available} left of ${listing.title}`, { listingId: listing.id, available })

/** Takes every line's stock, or refuses with why the first line that could not be taken could
 *  not (the caller's transaction then rolls back what was taken). */
export async function takeStock(
  tx: WriteTx,
  dialect: DialectName,
  lines: RequestedLine[],
  listings: Map<string, OrderListing>,
  now: string,
  priceChangedMeanwhile: (changed: PriceChange & { stock: number }) => Promise<ServiceError>,
): Promise<void> {
  const failed = await takeInOrder(tx, dialect, inListingIdOrder(lines), listings, now)
  if (failed === null) return
  const listing = listings.get(failed)!
  const current = await tx.selectFrom('listings').select(['stock', 'status', 'priceFen']).where('id', '=', failed).executeTakeFirstOrThrow()
  if (current.status === 'live' && current.priceFen !== listing.priceFen) {
    throw await priceChangedMeanwhile({ listingId: listing.id, priceFen: current.priceFen, stock: current.stock })
  }
  if (current.status !== 'live') throw new ServiceError('LISTING_UNAVAILABLE', `${listing.title} cannot be ordered now`, { listingId: listing.id })
  throw outOfStock(listing, current.stock)
}

/** The id of the first line whose stock could not be taken, or null. */
async function takeInOrder(tx: WriteTx, dialect: DialectName, lines: RequestedLine[], listings: Map<string, OrderListing>, now: string): Promise<string | null> {
  if (dialect === 'postgres') {
    const ids = lines.map((line) => line.listingId)
    const quantities = lines.map((line) => line.quantity)
    const prices = lines.map((line) => listings.get(line.listingId)!.priceFen)
    const { rows } = await sql<{ failed: string | null }>`select take_stock(${ids}::text[], ${quantities}::integer[], ${prices}::integer[], ${now}) as failed`.execute(tx)
    return rows[0].failed
  }
  for (const line of lines) {
    const taken = await tx
      .updateTable('listings')
      .set((eb) => ({ stock: eb('stock', '-', line.quantity), updatedAt: now }))
      .where('id', '=', line.listingId)
      .where('status', '=', 'live')
      .where('priceFen', '=', listings.get(line.listingId)!.priceFen)
      .where('stock', '>=', line.quantity)
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) !== 1) return line.listingId
  }
  return null
}
