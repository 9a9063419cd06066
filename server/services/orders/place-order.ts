import type { Insertable, Kysely } from 'kysely'
import { orderExpiresAt } from '../../../src/domain/order-expiry'
import { mergeOrderLines, type RequestedLine } from '../../../src/domain/order-lines'
import { priceOrder } from '../../../src/domain/pricing'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, OrderTable, ParcelTable, UserTable } from '../../db/schema'
import { groupedWriteTransaction } from '../../db/group-commit'
import type { WriteTx } from '../../db/write-transaction'
import { ServiceError } from '../service-error'
import { newId } from '../../ids'
import type { PhotoStorage } from '../../storage/photo-storage'
import { parcelViewOf } from '../parcels/parcel-view'
import type { PickupCodes } from '../pickups/pickup-codes'
import { checkIdempotencyKey, claimKey, keepResponse, requestHash } from './idempotency'
import { coversOf, type OrderListing, isOrderable, loadOrderListings, pricingLine } from './order-listings'
import { placedEvent } from './order-events'
import { insertOrderRows } from './order-rows'
import { outOfStock, type PriceChange, takeStock } from './take-stock'
import { type OrderRules, type OrderRulesCache, orderRulesOf } from './order-rules'
import { type OrderFacts, type OrderLineFacts, type OrderView, orderViewOf, viewOrders } from './order-view'
import { quoteOf } from './quote'
import type { PlaceOrderInput } from '../../contract/orders'

/* POST /orders. In one write transaction, so an order costs one commit at most (one disk flush;
   on SQLite the orders that arrive together share it, db/group-commit.ts): the buyer's
   Idempotency-Key is claimed (idempotency.ts), the listings are read, the order priced by the
   domain from the listings' own prices, the order, its lines, its parcels (one per farmer) and
   the first step of its timeline written, its answer rendered and kept with the key, and last,
   stock taken line by line with a conditional update (`stock >= quantity`, so no interleaving of
   buyers can take it below zero, on SQLite or PostgreSQL). Any refusal rolls all of it back, the
   key's claim included. A buyer is charged only the total they were shown: when the body names
   it (`expectedTotalFen`) and the priced total differs, the answer is 409 PRICE_CHANGED with the
   new quote and nothing is written. */

export interface PlaceOrderDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  storage: PhotoStorage
  pickupCodes: PickupCodes
  rules?: OrderRulesCache
}

export interface Placed {
  replayed: boolean
  /** The answer as JSON text: a replay sends exactly what the first request was sent. Its photos
   *  are paths on this server, made absolute for whichever request is answered. */
  body: string
}

export async function placeOrder(deps: PlaceOrderDeps, buyer: UserTable, idempotencyKey: string | undefined, input: PlaceOrderInput): Promise<Placed> {
  const key = checkIdempotencyKey(idempotencyKey)
  const lines = mergeOrderLines(input.lines)
  const hash = requestHash(input)
  return groupedWriteTransaction(deps.db, deps.dialect, async (tx) => {
    const claim = await claimKey(tx, deps.clock, buyer.id, key, hash)
    if (claim.kind === 'replay') return { replayed: true, body: claim.responseBody ?? (await keepAnswer(deps, tx, buyer, key, claim.orderId)) }
    const body = await writeOrder(deps, tx, buyer, key, lines, input)
    return { replayed: false, body }
  })
}

/** A replay of an order an older server placed without keeping its answer: kept now. */
async function keepAnswer(deps: PlaceOrderDeps, tx: WriteTx, buyer: UserTable, key: string, orderId: string): Promise<string> {
  const order = await tx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
  const [view] = await viewOrders({ ...deps, db: tx }, [order])
  const body = JSON.stringify(view satisfies OrderView)
  await keepResponse(tx, deps.clock, buyer.id, key, body)
  return body
}

/** Writes the order, bound to `key`, and answers it. The answer is rendered from the rows it
 *  writes and kept with the key before stock is taken, so the listings' row locks, which every
 *  buyer of them waits on, are held only for the stock updates and the commit. */
async function writeOrder(deps: PlaceOrderDeps, tx: WriteTx, buyer: UserTable, key: string, lines: RequestedLine[], input: PlaceOrderInput): Promise<string> {
  const { pickupPointId, expectedTotalFen } = input
  const now = deps.clock().toISOString()
  const rules = await orderRulesOf(tx, pickupPointId, deps.rules)
  const listings = await loadOrderListings(tx, lines.map((l) => l.listingId))
  for (const line of lines) {
    const listing = listings.get(line.listingId)!
    if (listing.status !== 'live' || listing.countyId !== rules.countyId) {
      throw new ServiceError('LISTING_UNAVAILABLE', `${listing.title} cannot be ordered for pickup here now`, { listingId: listing.id })
    }
    if (!isOrderable(listing, rules.countyId, line.quantity)) throw outOfStock(listing, listing.stock)
  }
  const priced = priceOrder({ lines: lines.map((line) => pricingLine(listings.get(line.listingId)!, line)), tariff: rules.tariff, subsidy: rules.subsidy, commissionRateBp: rules.commissionRateBp, orderedAt: now })
  // Before anything is written: a price raised (or lowered) since the quote is asked again, never charged.
  if (expectedTotalFen !== undefined && priced.totalFen !== expectedTotalFen) {
    throw await priceChanged(deps, tx, { lines, rules, listings, at: now }, expectedTotalFen)
  }

  const order = {
    id: newId('ord'),
    buyerId: buyer.id,
    countyId: rules.countyId,
    pickupPointId,
    status: 'pending_payment',
    subtotalFen: priced.subtotalFen,
    shippingFen: priced.shippingFen,
    subsidyFen: priced.subsidyFen,
    totalFen: priced.totalFen,
    commissionRateBp: rules.commissionRateBp,
    pickupCodeHash: null,
    pickupCodeSealed: null,
    createdAt: now,
    expiresAt: orderExpiresAt(now),
    paidAt: null,
    endedAt: null,
    updatedAt: now,
  } satisfies Insertable<OrderTable>
  const orderLines = priced.lines.map((line, position) => {
    const listing = listings.get(line.listingId)!
    return { orderId: order.id, position, listingId: line.listingId, farmerId: line.farmerId, title: listing.title, unit: listing.unit, quantity: line.quantity, unitPriceFen: line.unitPriceFen, lineTotalFen: line.lineTotalFen, commissionFen: line.commissionFen, weightGrams: line.weightGrams }
  })
  const parcels = priced.parcels.map((parcel): ParcelTable => ({
    id: newId('prc'),
    orderId: order.id,
    farmerId: parcel.farmerId,
    villageId: listings.get(parcel.listingIds[0])!.villageId,
    status: 'awaiting_collection',
    weightGrams: parcel.weightGrams,
    shippingFen: parcel.shippingFen,
    createdAt: now,
    updatedAt: now,
    collectionRunDate: null,
    collectedAt: null,
    collectedBy: null,
    receivedAt: null,
    receivedBy: null,
  }))
  const answer = JSON.stringify(answerOf(deps, { order, orderLines, parcels, listings, rules }) satisfies OrderView)
  await insertOrderRows(tx, deps.dialect, { order, lines: orderLines, parcels, placed: placedEvent(order.id, now, buyer.id), key: { buyerId: buyer.id, key, orderId: order.id, responseBody: answer, at: now } })
  await takeStock(tx, deps.dialect, lines, listings, now, (changed) => {
    // Edited between our read and our update (PostgreSQL, read committed). Not re-read whole:
    // this transaction has already taken stock of the lines before it.
    const current = new Map(listings).set(changed.listingId, { ...listings.get(changed.listingId)!, priceFen: changed.priceFen, stock: changed.stock })
    return priceChanged(deps, tx, { lines, rules, listings: current, at: now }, expectedTotalFen, { listingId: changed.listingId, priceFen: changed.priceFen })
  })
  return answer
}

/** The new order's answer, from the rows just written rather than read back. */
function answerOf(
  deps: PlaceOrderDeps,
  written: { order: Omit<OrderFacts['order'], 'number'>; orderLines: Omit<OrderLineFacts, 'farmerName'>[]; parcels: ParcelTable[]; listings: Map<string, OrderListing>; rules: OrderRules },
): OrderView {
  const { order, orderLines, parcels, listings, rules } = written
  const named = [...listings.values()]
  const lines = orderLines.map((line) => ({ ...line, farmerName: listings.get(line.listingId)!.farmerName }))
  return orderViewOf(
    {
      order: { ...order, number: null },
      lines,
      parcels: parcels.map((parcel) =>
        parcelViewOf(parcel, {
          number: null,
          farmer: { id: parcel.farmerId, name: named.find((l) => l.farmerId === parcel.farmerId)!.farmerName },
          village: { id: parcel.villageId, name: named.find((l) => l.villageId === parcel.villageId)!.villageName },
          lines: lines.filter((l) => l.farmerId === parcel.farmerId),
        }),
      ),
      events: [{ kind: 'placed', at: order.createdAt, parcelId: null }],
      cases: [],
      covers: coversOf(listings, deps.storage),
      rules,
    },
    deps.pickupCodes,
  )
}

/** 409 PRICE_CHANGED with the quote POST /orders/quote would answer now, so the app can show the
 *  new total and ask the buyer before charging it. */
async function priceChanged(
  deps: PlaceOrderDeps,
  tx: WriteTx,
  read: Parameters<typeof quoteOf>[1],
  expectedTotalFen: number | undefined,
  changed?: PriceChange,
): Promise<ServiceError> {
  const quote = await quoteOf({ db: tx, storage: deps.storage }, read)
  const shown = expectedTotalFen === undefined ? '' : `, not the ${expectedTotalFen} fen you were shown`
  return new ServiceError('PRICE_CHANGED', `the price has changed: this order now costs ${quote.totalFen} fen${shown}; confirm the new quote and order again`, {
    ...changed,
    ...(expectedTotalFen === undefined ? {} : { expectedTotalFen }),
    totalFen: quote.totalFen,
    quote,
  })
}
