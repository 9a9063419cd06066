import type { Kysely } from 'kysely'
import { canCancelOrder, isPickupCodeShown } from '../../../src/domain/order-status'
import { estimatePickup } from '../../../src/domain/pickup-window'
import type { Unit } from '../../../src/domain/units'
import type { DB, OrderEventKind, OrderTable } from '../../db/schema'
import type { PhotoStorage } from '../../storage/photo-storage'
import { type CaseView, casesOfOrders } from '../after-sale/cases'
import { type ParcelView, viewParcels } from '../parcels/parcel-view'
import type { PickupCodes } from '../pickups/pickup-codes'
import { toPickupPointView } from '../places/places'
import { type OrderRules, type OrderRulesCache, orderRulesOf } from './order-rules'
import type { Order } from '../../contract/orders'

/* An order as the buyer reads it (API.md "Orders"; its shape is server/contract/orders.ts): its
   lines, parcels, timeline, pickup point and estimate, and the pickup code once paid. */

export type OrderView = Order

export interface OrderViewDeps {
  db: Kysely<DB>
  storage: PhotoStorage
  pickupCodes: PickupCodes
  /** The county rules this process keeps; read afresh without it. */
  rules?: OrderRulesCache
}

const groupBy = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

/** An order line as its answer shows it, with its farmer's name. */
export interface OrderLineFacts {
  listingId: string
  farmerId: string
  farmerName: string
  title: string
  unit: string
  quantity: number
  unitPriceFen: number
  lineTotalFen: number
}

/** Everything one order's answer is made of, whether read back or just written. */
export interface OrderFacts {
  order: Pick<OrderTable, 'id' | 'number' | 'status' | 'subtotalFen' | 'shippingFen' | 'subsidyFen' | 'totalFen' | 'pickupPointId' | 'createdAt' | 'expiresAt' | 'paidAt' | 'pickupCodeSealed'>
  /** In the order the buyer named them. */
  lines: OrderLineFacts[]
  parcels: ParcelView[]
  events: { kind: OrderEventKind; at: string; parcelId: string | null }[]
  /** The whole order's refund; a case's partial refund shows on its case. */
  refund?: OrderView['refund']
  cases: CaseView[]
  /** Each listing's cover thumbnail path. */
  covers: Map<string, string>
  rules: OrderRules
}

/** The orders with these rows, in the same order, read in a fixed number of queries. */
export async function viewOrders(deps: OrderViewDeps, orders: OrderTable[]): Promise<OrderView[]> {
  if (orders.length === 0) return []
  const { db } = deps
  const ids = orders.map((o) => o.id)
  const [lines, parcels, events, refunds] = await Promise.all([
    db
      .selectFrom('orderLines')
      .innerJoin('farmers', 'farmers.id', 'orderLines.farmerId')
      .select(['orderLines.orderId', 'orderLines.position', 'orderLines.listingId', 'orderLines.farmerId', 'orderLines.title', 'orderLines.unit', 'orderLines.quantity', 'orderLines.unitPriceFen', 'orderLines.lineTotalFen', 'farmers.name as farmerName'])
      .where('orderLines.orderId', 'in', ids)
      .orderBy('orderLines.orderId')
      .orderBy('orderLines.position')
      .execute(),
    db.selectFrom('parcels').selectAll().where('orderId', 'in', ids).execute(),
    db.selectFrom('orderEvents').selectAll().where('orderId', 'in', ids).orderBy('orderId').orderBy('seq').execute(),
    // A case's partial refund shows on its case; `refund` is the whole order's.
    db.selectFrom('refunds').selectAll().where('orderId', 'in', ids).where('caseId', 'is', null).orderBy('createdAt').execute(),
  ])
  const casesOf = await casesOfOrders(deps, ids)
  const covers = await coverThumbs(deps, [...new Set(lines.map((l) => l.listingId))])
  const linesOf = groupBy(lines, (l) => l.orderId)
  const parcelViewsOf = groupBy(await viewParcels(db, parcels), (p) => p.orderId)
  const eventsOf = groupBy(events, (e) => e.orderId)
  const refundOf = new Map(refunds.map((r) => [r.orderId, r]))
  const rulesOf = new Map<string, OrderRules>()
  for (const pointId of new Set(orders.map((o) => o.pickupPointId))) rulesOf.set(pointId, await orderRulesOf(db, pointId, deps.rules))

  return orders.map((order) => {
    const refund = refundOf.get(order.id)
    return orderViewOf(
      {
        order,
        lines: linesOf.get(order.id) ?? [],
        parcels: parcelViewsOf.get(order.id) ?? [],
        events: eventsOf.get(order.id) ?? [],
        ...(refund ? { refund: { status: refund.status, amountFen: refund.amountFen } } : {}),
        cases: casesOf.get(order.id) ?? [],
        covers,
        rules: rulesOf.get(order.pickupPointId)!,
      },
      deps.pickupCodes,
    )
  })
}

/** The one place an order's answer is shaped (API.md "Orders"). */
export function orderViewOf(facts: OrderFacts, pickupCodes: PickupCodes): OrderView {
  const { order, lines, rules, refund } = facts
  // Parcels in the order the buyer first named each farmer's goods.
  const firstLine = (farmerId: string) => lines.findIndex((l) => l.farmerId === farmerId)
  const parcels = [...facts.parcels].sort((a, b) => firstLine(a.farmer.id) - firstLine(b.farmer.id))
  const farmerOfParcel = new Map(parcels.map((p) => [p.id, p.farmer]))
  const status = order.status
  const view: OrderView = {
    id: order.id,
    number: order.number,
    status,
    lines: lines.map((l) => ({
      listingId: l.listingId,
      title: l.title,
      quantity: l.quantity,
      unit: l.unit as Unit,
      unitPriceFen: l.unitPriceFen,
      lineTotalFen: l.lineTotalFen,
      farmer: { id: l.farmerId, name: l.farmerName },
      thumbUrl: facts.covers.get(l.listingId) ?? null,
    })),
    subtotalFen: order.subtotalFen,
    shippingFen: order.shippingFen,
    subsidyFen: order.subsidyFen,
    totalFen: order.totalFen,
    pickupPointId: order.pickupPointId,
    pickupPoint: toPickupPointView(rules.pickupPoint),
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    paidAt: order.paidAt,
    pickup: order.paidAt ? estimatePickup(order.paidAt, rules.pickup) : null,
    parcels,
    timeline: facts.events.map((e) => ({
      kind: e.kind,
      at: e.at,
      ...(e.parcelId ? { parcelId: e.parcelId, farmer: farmerOfParcel.get(e.parcelId) } : {}),
    })),
    canCancel: canCancelOrder(status, parcels.map((p) => p.status)).ok,
    ...(refund ? { refund } : {}),
    cases: facts.cases,
  }
  if (isPickupCodeShown(status) && order.pickupCodeSealed) view.pickupCode = pickupCodes.open(order.pickupCodeSealed)
  return view
}

/** The first photo of each listing: the path of its thumbnail on this server. */
export async function coverThumbs(deps: Pick<OrderViewDeps, 'db' | 'storage'>, listingIds: string[]): Promise<Map<string, string>> {
  if (listingIds.length === 0) return new Map()
  const rows = await deps.db
    .selectFrom('listingPhotos')
    .innerJoin('photos', 'photos.id', 'listingPhotos.photoId')
    .select(['listingPhotos.listingId', 'photos.thumbKey'])
    .where('listingPhotos.listingId', 'in', listingIds)
    .where('listingPhotos.position', '=', 0)
    .execute()
  return new Map(rows.map((r) => [r.listingId, deps.storage.pathFor(r.thumbKey)]))
}
