import type { Kysely } from 'kysely'
import type { DB } from '../server/db/schema'

/** `count` more live listings of the demo county's first farmer, each with a demo photo. */
export async function addBulkListings(db: Kysely<DB>, countyId: string, count: number): Promise<void> {
  const farmer = await db.selectFrom('farmers').innerJoin('villages', 'villages.id', 'farmers.villageId').select(['farmers.id', 'farmers.villageId']).where('villages.countyId', '=', countyId).executeTakeFirstOrThrow()
  const photo = await db.selectFrom('photos').select('id').executeTakeFirstOrThrow()
  const base = Date.UTC(2025, 0, 1)
  for (let start = 0; start < count; start += 200) {
    const rows = Array.from({ length: Math.min(200, count - start) }, (_, i) => {
      const n = start + i
      const at = new Date(base + n * 60_000).toISOString()
      return {
        id: `lst_bulk${String(n).padStart(6, '0')}`,
        farmerId: farmer.id,
        villageId: farmer.villageId,
        countyId,
        title: `小米 第${n}号`,
        category: 'grain',
        unit: 'jin',
        unitWeightGrams: 500,
        priceFen: 500 + (n % 300),
        stock: 10 + (n % 50),
        status: 'live' as const,
        description: '长目录测试',
        listedByUserId: null,
        rejectionReason: null,
        createdAt: at,
        updatedAt: at,
      }
    })
    await db.insertInto('listings').values(rows).execute()
    await db.insertInto('listingPhotos').values(rows.map((r) => ({ listingId: r.id, photoId: photo.id, position: 0 }))).execute()
  }
}
