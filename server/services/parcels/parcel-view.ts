import type { Kysely } from 'kysely'
import { lastParcelStep, undoDeadline } from '../../../src/domain/parcel-undo'
import type { Unit } from '../../../src/domain/units'
import type { DB, ParcelTable } from '../../db/schema'
import type { Parcel } from '../../contract/orders'

/* A parcel as API.md reads it: one farmer's share of an order, with what is in it. */

export type ParcelView = Parcel

/** Who is looking, and when: their own last step on a parcel shows until when they may undo it. */
export interface ParcelViewer {
  userId: string
  now: string
}

/* A hint for the button, nothing more: the undo itself decides under the order's lock, and also
   refuses when the order has moved on, which this list does not read. */
function undoUntilFor(parcel: ParcelTable, viewer: ParcelViewer | undefined): string | undefined {
  const step = viewer ? lastParcelStep(parcel) : null
  if (!viewer || !step?.at || step.by !== viewer.userId) return undefined
  const until = undoDeadline(step.at)
  return until > viewer.now ? until : undefined
}

/** These parcels, in the same order, in four queries however many there are. */
export async function viewParcels(db: Kysely<DB>, parcels: ParcelTable[], viewer?: ParcelViewer): Promise<ParcelView[]> {
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
  return parcels.map((p) =>
    parcelViewOf(
      p,
      {
        number: numberOf.get(p.orderId) ?? null,
        farmer: farmerOf.get(p.farmerId)!,
        village: villageOf.get(p.villageId)!,
        lines: lines.filter((l) => l.orderId === p.orderId && l.farmerId === p.farmerId),
      },
      viewer,
    ),
  )
}

/** What a parcel's answer names besides its own row. */
export interface ParcelFacts {
  number: string | null
  farmer: { id: string; name: string }
  village: { id: string; name: string }
  /** The order's lines of this parcel's farmer, in the order's order. */
  lines: { listingId: string; title: string; quantity: number; unit: string }[]
}

/** The one place a parcel's answer is shaped. */
export function parcelViewOf(p: ParcelTable, facts: ParcelFacts, viewer?: ParcelViewer): ParcelView {
  const undoUntil = undoUntilFor(p, viewer)
  return {
    id: p.id,
    orderId: p.orderId,
    number: facts.number,
    status: p.status,
    farmer: facts.farmer,
    village: facts.village,
    lines: facts.lines.map((l) => ({ listingId: l.listingId, title: l.title, quantity: l.quantity, unit: l.unit as Unit })),
    weightGrams: p.weightGrams,
    shippingFen: p.shippingFen,
    collectionRunDate: p.collectionRunDate,
    ...(undoUntil ? { undoUntil } : {}),
  }
}
