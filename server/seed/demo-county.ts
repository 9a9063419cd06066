import type { Kysely } from 'kysely'
import { type Clock, systemClock } from '../clock'
import type { DB, Role, UserTable } from '../db/schema'
import { seedId } from '../ids'
import { storePhoto } from '../services/photos/photos'
import type { PhotoStorage } from '../storage/photo-storage'
import {
  demoAdmins,
  demoBuyers,
  demoCounty,
  demoCountyStaff,
  demoFarmers,
  demoListings,
  demoOperators,
  demoPickupPoint,
  demoVillages,
} from './demo-data'
import { drawDemoPicture } from './pictures'

/* Loads the demo county. Idempotent: every row has an ID derived from its demo key and is
   inserted only when missing, so `npm run seed` (and `npm start`) can run any number of times. */

export interface SeedDeps {
  db: Kysely<DB>
  storage: PhotoStorage
  clock?: Clock
}

export const PHOTOS_PER_DEMO_LISTING = 2

export async function seedDemoCounty({ db, storage, clock = systemClock }: SeedDeps) {
  const now = clock()
  const at = now.toISOString()
  const countyId = seedId('cty', demoCounty.key)
  const villageId = (key: string) => seedId('vil', key)
  const farmerId = (key: string) => seedId('frm', key)

  const { key: _countyKey, ...county } = demoCounty
  await db.insertInto('counties').values({ id: countyId, ...county, createdAt: at }).onConflict((oc) => oc.column('id').doNothing()).execute()

  const { key: pickupKey, ...pickup } = demoPickupPoint
  await db.insertInto('pickupPoints').values({ id: seedId('pup', pickupKey), countyId, ...pickup }).onConflict((oc) => oc.column('id').doNothing()).execute()

  await db
    .insertInto('villages')
    .values(demoVillages.map((v) => ({ id: villageId(v.key), countyId, name: v.name, serviceCenterAddress: v.address })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()

  await db
    .insertInto('farmers')
    .values(demoFarmers.map((f) => ({ id: farmerId(f.key), villageId: villageId(f.village), name: f.name, phone: f.phone, createdAt: at })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()

  const user = (key: string, role: Role, name: string, places: Partial<UserTable> = {}): UserTable => ({
    id: seedId('usr', key),
    role,
    name,
    villageId: null,
    countyId: null,
    farmerId: null,
    wechatOpenid: null,
    createdAt: at,
    ...places,
  })
  const users: UserTable[] = [
    ...demoBuyers.map((b) => user(b.key, 'buyer', b.name)),
    ...demoFarmers.filter((f) => f.user).map((f) => user(f.key, 'farmer', f.name, { villageId: villageId(f.village), countyId, farmerId: farmerId(f.key) })),
    ...demoOperators.map((o) => user(o.key, 'operator', o.name, { villageId: villageId(o.village), countyId })),
    ...demoCountyStaff.map((s) => user(s.key, 'county_staff', s.name, { countyId })),
    ...demoAdmins.map((a) => user(a.key, 'admin', a.name)),
  ]
  await db.insertInto('users').values(users).onConflict((oc) => oc.column('id').doNothing()).execute()

  const existing = new Set((await db.selectFrom('listings').select('id').where('countyId', '=', countyId).execute()).map((r) => r.id))
  const farmersByKey = new Map(demoFarmers.map((f) => [f.key, f]))
  const operatorOf = new Map(demoOperators.map((o) => [o.village as string, seedId('usr', o.key)]))

  // Listed one minute apart, the first oldest, so "newest" on the home page is stable.
  for (const [index, listing] of demoListings.entries()) {
    const id = seedId('lst', listing.key)
    if (existing.has(id)) continue
    const farmer = farmersByKey.get(listing.farmer)!
    const photoIds: string[] = []
    for (let n = 0; n < PHOTOS_PER_DEMO_LISTING; n++) {
      const photoId = seedId('pho', `${listing.key}-${n}`)
      const found = await db.selectFrom('photos').select('id').where('id', '=', photoId).executeTakeFirst()
      if (!found) await storePhoto({ db, storage, clock }, await drawDemoPicture(listing.category, `${listing.key}-${n}`), null, photoId)
      photoIds.push(photoId)
    }
    const createdAt = new Date(now.getTime() - (demoListings.length - index) * 60_000).toISOString()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('listings')
        .values({
          id,
          farmerId: farmerId(farmer.key),
          villageId: villageId(farmer.village),
          countyId,
          title: listing.title,
          category: listing.category,
          unit: listing.unit,
          unitWeightGrams: listing.unitWeightGrams,
          priceFen: listing.priceFen,
          stock: listing.stock,
          status: listing.status ?? 'live',
          description: listing.description,
          // A farmer without a phone is listed by the village's cun xiao'er.
          listedByUserId: farmer.user ? null : (operatorOf.get(farmer.village) ?? null),
          rejectionReason: null,
          createdAt,
          updatedAt: createdAt,
        })
        .execute()
      await trx.insertInto('listingPhotos').values(photoIds.map((photoId, position) => ({ listingId: id, photoId, position }))).execute()
    })
  }

  return { county: demoCounty.name, countyId, villages: demoVillages.length, listings: demoListings.length }
}
