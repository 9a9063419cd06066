import { moveParcel } from './move-parcel'
import { handInDeadline } from '../../../src/domain/farmer-sales'
import type { Kysely } from 'kysely'
import { defaultManifestRunDate, defaultVillageRunDate, firstOpenVillageRun } from '../../../src/domain/default-run'
import { areAllParcelsReceived } from '../../../src/domain/order-status'
import { PARCEL_STATUSES_HANDED_IN, PARCEL_STATUSES_ON_VILLAGE_RUN, type ParcelStatus, parcelStatusMachine } from '../../../src/domain/parcel-status'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, OrderTable, ParcelTable, UserTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { ServiceError, notFound } from '../service-error'
import { newId } from '../../ids'
import { lockOrder } from '../orders/lock-order'
import { recordOrderEvent } from '../orders/order-events'
import { moveOrder } from '../orders/release-order'
import { undoParcelStep } from './parcel-undo'
import { type ParcelView, viewParcels } from './parcel-view'
import type { Manifest } from '../../contract/parcels'

/* The parcels' way from the farmer to the county center. The cun xiao'er marks a parcel
   collected when the farmer hands it in at the village service center; county staff receive it
   from the collection run. The transaction that receives an order's last parcel also makes the
   order ready for pickup and queues the buyer's message, so neither can happen without the other. */

export interface ParcelFlowDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
}

export type ManifestView = Manifest

const invalidTransition = (from: string, to: string) => new ServiceError('INVALID_TRANSITION', `this parcel is ${from} and cannot become ${to}`, { from, to })

export function createParcelFlow(deps: ParcelFlowDeps) {
  const { db, clock } = deps

  const viewer = (user: UserTable) => ({ userId: user.id, now: clock().toISOString() })

  /** The run the village page opens on without a date: default-run.ts says why. */
  async function defaultVillageDate(operator: UserTable): Promise<string> {
    const now = clock()
    const county = await db
      .selectFrom('villages')
      .innerJoin('counties', 'counties.id', 'villages.countyId')
      .select(['counties.collectionRunTime', 'counties.runDurationMinutes'])
      .where('villages.id', '=', operator.villageId!)
      .executeTakeFirstOrThrow()
    const dates = await db
      .selectFrom('parcels')
      .select('collectionRunDate')
      .distinct()
      .where('villageId', '=', operator.villageId!)
      .where('status', '=', 'awaiting_collection')
      .where('collectionRunDate', '>=', firstOpenVillageRun(now, county))
      .execute()
    return defaultVillageRunDate(now, county, dates.map((d) => d.collectionRunDate!))
  }

  /** What the operator's village hands to this date's collection run (default: defaultVillageDate), by farmer. */
  /** One run of the operator's village, and by when its farmers hand their goods in (the
      printed hand-in list): the village's county sets the cut-off. */
  async function villageParcels(operator: UserTable, requested?: string): Promise<{ date: string; handInBy: string; parcels: ParcelView[] }> {
    const date = requested ?? (await defaultVillageDate(operator))
    const county = await db.selectFrom('villages').innerJoin('counties', 'counties.id', 'villages.countyId').select('counties.cutoffTime').where('villages.id', '=', operator.villageId!).executeTakeFirstOrThrow()
    const rows = await db
      .selectFrom('parcels')
      .innerJoin('farmers', 'farmers.id', 'parcels.farmerId')
      .selectAll('parcels')
      .where('parcels.villageId', '=', operator.villageId!)
      .where('parcels.collectionRunDate', '=', date)
      .where('parcels.status', 'in', PARCEL_STATUSES_ON_VILLAGE_RUN)
      .orderBy('farmers.name')
      .orderBy('parcels.createdAt')
      .execute()
    return { date, handInBy: handInDeadline(date, county).toISOString(), parcels: await viewParcels(db, rows, viewer(operator)) }
  }

  /** The earliest run of the county with parcels on their way; default-run.ts says why. */
  async function defaultManifestDate(staff: UserTable): Promise<string> {
    const dates = await db
      .selectFrom('parcels')
      .innerJoin('orders', 'orders.id', 'parcels.orderId')
      .select('parcels.collectionRunDate')
      .distinct()
      .where('orders.countyId', '=', staff.countyId!)
      .where('parcels.status', '=', 'collected')
      .execute()
    return defaultManifestRunDate(clock(), dates.map((d) => d.collectionRunDate!).filter(Boolean))
  }

  /** The collection run of the staff member's county on this date (default: defaultManifestDate), village by village. */
  async function manifest(staff: UserTable, requested?: string): Promise<ManifestView> {
    const date = requested ?? (await defaultManifestDate(staff))
    const rows = await db
      .selectFrom('parcels')
      .innerJoin('orders', 'orders.id', 'parcels.orderId')
      .innerJoin('villages', 'villages.id', 'parcels.villageId')
      .selectAll('parcels')
      .where('orders.countyId', '=', staff.countyId!)
      .where('parcels.collectionRunDate', '=', date)
      .where('parcels.status', 'in', PARCEL_STATUSES_HANDED_IN)
      .orderBy('villages.name')
      .orderBy('parcels.createdAt')
      .execute()
    const parcels = await viewParcels(db, rows, viewer(staff))
    const villages = new Map<string, ManifestView['villages'][number]>()
    for (const parcel of parcels) {
      const entry = villages.get(parcel.village.id) ?? { village: parcel.village, parcels: [], parcelCount: 0, weightGrams: 0 }
      entry.parcels.push(parcel)
      entry.parcelCount++
      entry.weightGrams += parcel.weightGrams
      villages.set(parcel.village.id, entry)
    }
    return { date, villages: [...villages.values()] }
  }

  async function lockedOrder(tx: WriteTx, orderId: string): Promise<OrderTable> {
    const order = await lockOrder(tx, deps.dialect, orderId)
    if (!order) throw notFound('order')
    return order
  }

  async function move(tx: WriteTx, parcel: ParcelTable, to: ParcelStatus, actor: UserTable, now: string): Promise<void> {
    const transition = parcelStatusMachine.transition(parcel.status, to)
    if (!transition.ok) throw invalidTransition(parcel.status, to)
    const stamp = to === 'collected' ? { collectedAt: now, collectedBy: actor.id } : { receivedAt: now, receivedBy: actor.id }
    if (!(await moveParcel(tx, parcel.id, parcel.status, to, now, stamp))) throw invalidTransition(parcel.status, to)
    await recordOrderEvent(tx, parcel.orderId, to === 'collected' ? 'parcel_collected' : 'parcel_received', now, { parcelId: parcel.id, actorUserId: actor.id })
  }

  /** The farmer handed the parcel in at the operator's village service center. */
  async function collect(operator: UserTable, parcelId: string): Promise<ParcelView> {
    const parcel = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      const found = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirst()
      if (!found || found.villageId !== operator.villageId) throw notFound('parcel')
      const order = await lockedOrder(tx, found.orderId)
      // Read again under the order's lock: another phone may have collected it meanwhile.
      const row = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
      if (order.status !== 'paid') throw new ServiceError('INVALID_TRANSITION', `the order is ${order.status}: nothing to collect`, { from: row.status, to: 'collected' })
      await move(tx, row, 'collected', operator, now)
      return tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
    })
    return (await viewParcels(db, [parcel], viewer(operator)))[0]
  }

  /** The collection run brought the parcel to the staff member's county center. */
  async function receive(staff: UserTable, parcelId: string): Promise<ParcelView> {
    const parcel = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      const found = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirst()
      const order = found ? await lockedOrder(tx, found.orderId) : null
      if (!found || !order || order.countyId !== staff.countyId) throw notFound('parcel')
      // Read again under the order's lock: another desk may have received it meanwhile.
      const row = await tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
      await move(tx, row, 'received', staff, now)
      const statuses = await tx.selectFrom('parcels').select('status').where('orderId', '=', order.id).execute()
      if (areAllParcelsReceived(statuses.map((p) => p.status)) && (await moveOrder(tx, order.id, 'paid', 'ready_for_pickup', now))) {
        await recordOrderEvent(tx, order.id, 'ready_for_pickup', now)
        await tx.insertInto('buyerMessages').values({ id: newId('msg'), orderId: order.id, kind: 'ready_for_pickup', status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, sentAt: null }).execute()
      }
      return tx.selectFrom('parcels').selectAll().where('id', '=', parcelId).executeTakeFirstOrThrow()
    })
    return (await viewParcels(db, [parcel], viewer(staff)))[0]
  }

  /** The actor's last collect or receive of this parcel taken back: parcel-undo.ts. */
  async function undo(actor: UserTable, parcelId: string): Promise<ParcelView> {
    const parcel = await writeTransaction(db, deps.dialect, (tx) => undoParcelStep(tx, deps.dialect, actor, parcelId, clock().toISOString()))
    return (await viewParcels(db, [parcel], viewer(actor)))[0]
  }

  return { villageParcels, manifest, collect, receive, undo }
}

export type ParcelFlow = ReturnType<typeof createParcelFlow>
