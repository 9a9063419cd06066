import type { Kysely } from 'kysely'
import type { DB, PickupPointTable } from '../../db/schema'
import type { County, PickupPoint, Village } from '../../contract/places'

export type CountyView = County

export type VillageView = Village

export type PickupPointView = PickupPoint

export async function listCounties(db: Kysely<DB>): Promise<CountyView[]> {
  return db.selectFrom('counties').select(['id', 'name']).orderBy('name').orderBy('id').execute()
}

export async function listVillages(db: Kysely<DB>, countyId?: string): Promise<VillageView[]> {
  let query = db.selectFrom('villages').select(['id', 'countyId', 'name', 'serviceCenterAddress'])
  if (countyId) query = query.where('countyId', '=', countyId)
  return query.orderBy('name').orderBy('id').execute()
}

export async function listPickupPoints(db: Kysely<DB>, countyId?: string): Promise<PickupPointView[]> {
  let query = db.selectFrom('pickupPoints').selectAll()
  if (countyId) query = query.where('countyId', '=', countyId)
  const rows = await query.orderBy('name').orderBy('id').execute()
  return rows.map(toPickupPointView)
}

export const closedWeekdaysOf = (row: PickupPointTable): number[] => (row.closedWeekdays ? row.closedWeekdays.split(',').map(Number) : [])

export function toPickupPointView(row: PickupPointTable): PickupPointView {
  return {
    id: row.id,
    countyId: row.countyId,
    name: row.name,
    address: row.address,
    phone: row.phone,
    openingHours: { opens: row.opensAt, closes: row.closesAt, closedWeekdays: closedWeekdaysOf(row) },
  }
}
