import { seedDemoCounty } from '../../server/seed/demo-county'
import { DATABASES, createTestApp, type TestApp } from './support/test-app'

describe.each(DATABASES)('the demo county on %s', (dialect) => {
  let t: TestApp
  // Seeded here, not by the test app, which reuses the demo photos a first seed kept: this seed
  // draws and processes every picture, seconds of work and more on a busy machine.
  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false })
    await seedDemoCounty({ db: t.database.db, storage: t.storage })
  }, 120_000)
  afterAll(() => t.close())

  const count = async (table: 'users' | 'listings' | 'photos' | 'villages' | 'farmers' | 'listingPhotos') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  it('has what API.md promises: villages with operators, farmers with and without phones, buyers, staff, live listings with photos', async () => {
    const users = await t.database.db.selectFrom('users').selectAll().execute()
    const villages = await t.database.db.selectFrom('villages').selectAll().execute()
    expect(villages.length).toBeGreaterThanOrEqual(5)
    for (const village of villages) {
      expect(users.some((u) => u.role === 'operator' && u.villageId === village.id)).toBe(true)
    }
    expect(users.filter((u) => u.role === 'farmer' && u.farmerId).length).toBeGreaterThanOrEqual(2)
    expect(users.filter((u) => u.role === 'buyer').length).toBeGreaterThanOrEqual(2)
    expect(users.filter((u) => u.role === 'county_staff' && u.countyId).length).toBeGreaterThanOrEqual(1)
    const farmers = await t.database.db.selectFrom('farmers').selectAll().execute()
    const withAccount = new Set(users.map((u) => u.farmerId))
    expect(farmers.filter((f) => !withAccount.has(f.id) && !f.phone).length).toBeGreaterThanOrEqual(2)

    const live = await t.database.db.selectFrom('listings').select('category').where('status', '=', 'live').execute()
    expect(new Set(live.map((l) => l.category))).toEqual(new Set(['lamb', 'dairy', 'grain', 'other']))
  })

  it('stores every demo picture through the photo storage, re-encoded with a thumbnail', async () => {
    const photos = await t.database.db.selectFrom('photos').selectAll().execute()
    expect(photos.length).toBe(await count('listingPhotos'))
    for (const photo of photos.slice(0, 4)) {
      const full = await t.storage.get(photo.storageKey)
      const thumb = await t.storage.get(photo.thumbKey)
      expect(full?.length).toBe(photo.bytes)
      expect(thumb!.length).toBeLessThan(full!.length)
    }
  })

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await Promise.all((['users', 'listings', 'photos', 'villages', 'farmers', 'listingPhotos'] as const).map(count))
    await seedDemoCounty({ db: t.database.db, storage: t.storage })
    const after = await Promise.all((['users', 'listings', 'photos', 'villages', 'farmers', 'listingPhotos'] as const).map(count))
    expect(after).toEqual(before)
  })
})
