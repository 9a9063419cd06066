import type { Kysely } from 'kysely'
import type { Instant } from '../../../src/domain/china-time'
import { mergeOrderLines, type RequestedLine } from '../../../src/domain/order-lines'
import { estimatePickup } from '../../../src/domain/pickup-window'
import { priceOrder } from '../../../src/domain/pricing'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import type { PhotoStorage } from '../../storage/photo-storage'
import { toPickupPointView } from '../places/places'
import { coversOf, isOrderable, loadOrderListings, type OrderListing, pricingLine } from './order-listings'
import { type OrderRules, type OrderRulesCache, orderRulesOf } from './order-rules'
import type { Quote } from '../../contract/orders'

/* What an order would cost now, priced by the very function the order is priced by, so the
   checkout shows the buyer the total they will be charged, to the fen. Lines that cannot be had
   (sold out, not enough, no longer live) are flagged and left out of the sum, not refused: the
   cart shows what to change. */

export type QuoteView = Quote

export interface QuoteDeps {
  db: Kysely<DB>
  storage: PhotoStorage
  clock: Clock
  rules?: OrderRulesCache
}

export async function quoteOrder(deps: QuoteDeps, input: { lines: RequestedLine[]; pickupPointId: string }): Promise<QuoteView> {
  const lines = mergeOrderLines(input.lines)
  const rules = await orderRulesOf(deps.db, input.pickupPointId, deps.rules)
  const listings = await loadOrderListings(deps.db, lines.map((l) => l.listingId))
  return quoteOf(deps, { lines, rules, listings, at: deps.clock() })
}

/** The quote of rows already read: POST /orders answers a changed price with the quote of the
 *  very rows it priced (inside its transaction, `deps.db` being that transaction). */
export async function quoteOf(deps: Omit<QuoteDeps, 'clock'>, read: { lines: RequestedLine[]; rules: OrderRules; listings: Map<string, OrderListing>; at: Instant }): Promise<QuoteView> {
  const { lines, rules, listings, at: now } = read
  const available = lines.filter((line) => isOrderable(listings.get(line.listingId)!, rules.countyId, line.quantity))
  const priced =
    available.length > 0
      ? priceOrder({ lines: available.map((line) => pricingLine(listings.get(line.listingId)!, line)), tariff: rules.tariff, subsidy: rules.subsidy, commissionRateBp: rules.commissionRateBp, orderedAt: now })
      : null
  const totals = new Map(priced?.lines.map((l) => [l.listingId, l.lineTotalFen]))
  const thumbOf = coversOf(listings, deps.storage)
  const named = (id: string, name: string) => ({ id, name })

  return {
    lines: lines.map((line) => {
      const listing = listings.get(line.listingId)!
      return {
        listingId: listing.id,
        title: listing.title,
        unit: listing.unit,
        unitPriceFen: listing.priceFen,
        quantity: line.quantity,
        stock: listing.status === 'live' ? listing.stock : 0,
        available: totals.has(listing.id),
        lineTotalFen: totals.get(listing.id) ?? 0,
        farmer: named(listing.farmerId, listing.farmerName),
        village: named(listing.villageId, listing.villageName),
        thumbUrl: thumbOf.get(listing.id) ?? null,
      }
    }),
    parcels: (priced?.parcels ?? []).map((parcel) => {
      const listing = listings.get(parcel.listingIds[0])!
      return { farmer: named(listing.farmerId, listing.farmerName), village: named(listing.villageId, listing.villageName), weightGrams: parcel.weightGrams, shippingFen: parcel.shippingFen }
    }),
    subtotalFen: priced?.subtotalFen ?? 0,
    shippingFen: priced?.shippingFen ?? 0,
    subsidyFen: priced?.subsidyFen ?? 0,
    totalFen: priced?.totalFen ?? 0,
    pickupPoint: toPickupPointView(rules.pickupPoint),
    pickup: estimatePickup(now, rules.pickup),
  }
}
