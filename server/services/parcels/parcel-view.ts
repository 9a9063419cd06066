import type { Kysely } from 'kysely'
import type { ParcelStatus } from '../../../src/domain/parcel-status'
import type { Unit } from '../../../src/domain/units'
import type { DB, ParcelTable } from '../../db/schema'

/* A parcel as API.md reads it: one farmer's share of an order, with what is in it. */

interface Named {
  id: string
  name: string
}

export interface ParcelView {
  id: string
  orderId: string
  /** Its order's short number, once paid. */
  number: string | null
  status: ParcelStatus
  farmer: Named
  village: Named
  lines: { listingId: string; title: string; quantity: number; unit: Unit }[]
  weightGrams: number
  shippingFen: number
  collectionRunDate: string | null
}

/** These parcels, in the same order, in four queries however many there are. */
export async function viewParcels(db: Kysely<DB>, parcels: ParcelTable[]): Promise<ParcelView[]> {
  if (parcels.length === 0) return []
  const orderIds = [...new Set(parcels.map((p) => p.orderId))]
  const [farmers, villages, lines, orders] = await Promise.all([
    db.selectFrom('farmers').select(['id', 'name']).where('id', 'in', [...new Set(parcels.map((p) => p.farmerId))]).execute(),
    db.selectFrom('villages').select(['id', 'name']).where('id', 'in', [...new Set(parcels.map((p) => p.villageId))]).execute(),
    db.selectFrom('orderLines').select(['orderId', 'farmerId', 'listingId', 'title', 'quantity', 'unit', 'position']).where('orderId', 'in', orderIds).orderBy('position').execute(),
    db.selectFrom('orders').select(['id', 'number']).where('id', 'in', orderIds).execute(),
  ])
  const numberOf = new Map(orders.map((o) => [o.id, o.number]))
  const farmerOf = new Map(farmers.map((f) => [f.id, f]))
  const villageOf = new Map(villages.map((v) => [v.id, v]))
  return parcels.map((p) => ({
    id: p.id,
    orderId: p.orderId,
    number: numberOf.get(p.orderId) ?? null,
    status: p.status as ParcelStatus,
    farmer: farmerOf.get(p.farmerId)!,
    village: villageOf.get(p.villageId)!,
    lines: lines.filter((l) => l.orderId === p.orderId && l.farmerId === p.farmerId).map((l) => ({ listingId: l.listingId, title: l.title, quantity: l.quantity, unit: l.unit as Unit })),
    weightGrams: p.weightGrams,
    shippingFen: p.shippingFen,
    collectionRunDate: p.collectionRunDate,
  }))
}
