import { seedId } from '../../server/ids'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

const farmerId = (key: string) => seedId('frm', key)
const villageId = (key: string) => seedId('vil', key)

describe.each(DATABASES)('the catalog on %s', (dialect) => {
  let t: TestApp
  const get = (url: string, headers = {}) => t.app.inject({ url: `/api/v1${url}`, headers })

  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(() => t.close())

  it('shows live listings only, newest first with the sold-out ones after, in the shape of API.md', async () => {
    const { items, nextCursor } = (await get('/listings?limit=100')).json()
    expect(nextCursor).toBeNull()
    expect(items.length).toBeGreaterThanOrEqual(15)
    expect(items.every((l: any) => l.status === 'live')).toBe(true)
    expect(items.map((l: any) => l.title)).not.toContain('羔羊肉 羊肉卷') // pending review
    const inStock = items.filter((l: any) => !l.soldOut)
    const soldOut = items.filter((l: any) => l.soldOut)
    expect(soldOut.length).toBeGreaterThan(0)
    expect(items).toEqual([...inStock, ...soldOut])
    for (const run of [inStock, soldOut]) {
      const created = run.map((l: any) => l.createdAt)
      expect(created).toEqual([...created].sort().reverse())
    }
    const listing = items.find((l: any) => l.title === '草原羔羊肉 羊排')
    expect(listing).toMatchObject({
      category: 'lamb',
      unit: 'jin',
      unitWeightGrams: 500,
      priceFen: 6800,
      stock: 40,
      soldOut: false,
      farmer: { id: farmerId('wang-jianguo'), name: '王建国' },
      village: { id: villageId('shebiya'), name: '舍必崖村' },
    })
    expect(listing.photos).toHaveLength(2)
    expect(listing.photos[0]).toMatchObject({ url: expect.stringMatching(/^http:\/\/.+\/photos\/[0-9a-f]+\.jpg$/), width: 1200, height: 900 })
    expect(items.find((l: any) => l.title === '羊杂（熟）')).toMatchObject({ stock: 0, soldOut: true })
  })

  it('records who listed for a farmer without a phone', async () => {
    const { items } = (await get(`/listings?villageId=${villageId('shebiya')}&limit=100`)).json()
    const proxy = items.find((l: any) => l.farmer.name === '张二牛')
    expect(proxy.listedBy).toEqual({ id: seedId('usr', 'op-shebiya'), name: expect.stringContaining('白丽娟') })
    expect(items.find((l: any) => l.farmer.name === '王建国').listedBy).toBeUndefined()
  })

  it('filters by category, village and county', async () => {
    const dairy = (await get('/listings?category=dairy&limit=100')).json().items
    expect(dairy.length).toBe(5)
    expect(dairy.every((l: any) => l.category === 'dairy')).toBe(true)

    const village = (await get(`/listings?villageId=${villageId('xindianzi')}&limit=100`)).json().items
    expect(village.map((l: any) => l.title).sort()).toEqual(['奶皮子', '胡麻油', '鲜牛奶（当日挤）'].sort())

    const county = (await get(`/listings?countyId=${seedId('cty', 'horinger')}&category=grain`)).json().items
    expect(county).toHaveLength(4)
    expect((await get('/listings?countyId=cty_elsewhere')).json().items).toEqual([])
  })

  it('searches titles and descriptions, and takes % and _ literally', async () => {
    const oat = (await get(`/listings?q=${encodeURIComponent('莜面')}`)).json().items
    expect(oat.map((l: any) => l.title)).toEqual(['和林莜面'])
    const byDescription = (await get(`/listings?q=${encodeURIComponent('奶茶')}`)).json().items.map((l: any) => l.title).sort()
    expect(byDescription).toEqual(['奶皮子', '炒米奶茶料'].sort())
    expect((await get(`/listings?q=${encodeURIComponent('%')}`)).json().items).toEqual([])
    expect((await get(`/listings?q=${encodeURIComponent('_')}`)).json().items).toEqual([])
    const combined = (await get(`/listings?q=${encodeURIComponent('羊')}&category=dairy`)).json().items
    expect(combined).toEqual([])
  })

  it('counts live listings per category for the home page', async () => {
    const { counts } = (await get(`/listings/counts?countyId=${seedId('cty', 'horinger')}`)).json()
    expect(counts).toEqual({ lamb: 6, dairy: 5, grain: 4, other: 3 })
  })

  it('pages by cursor with no item twice and none missed, even with equal timestamps, sold-out last', async () => {
    // 57 more live listings, many sharing one createdAt, so the cursor must break ties by id;
    // some sold out, so pages cross from the listings in stock to the sold-out ones.
    const sameInstant = '2026-01-01T00:00:00.000Z'
    const extra = Array.from({ length: 57 }, (_, i) => ({
      id: `lst_extra${String(i).padStart(3, '0')}`,
      farmerId: farmerId('zhao-mancang'),
      villageId: villageId('qiaoshiying'),
      countyId: seedId('cty', 'horinger'),
      title: `莜面 第${i}批`,
      category: 'grain',
      unit: 'jin',
      unitWeightGrams: 500,
      priceFen: 600 + i,
      stock: i % 4 === 1 ? 0 : 10,
      status: i % 10 === 9 ? ('withdrawn' as const) : ('live' as const),
      description: '批量测试',
      listedByUserId: null,
      rejectionReason: null,
      createdAt: i % 3 === 0 ? sameInstant : new Date(Date.UTC(2025, 5, 1, 0, i)).toISOString(),
      updatedAt: sameInstant,
    }))
    await t.database.db.insertInto('listings').values(extra).execute()
    const live = await t.database.db.selectFrom('listings').select(['id', 'stock', 'createdAt']).where('status', '=', 'live').execute()
    const expected = live.map((r) => r.id).sort()
    // In stock first, then sold out; in each, newest first and ties by id, descending.
    const newestFirst = (a: (typeof live)[number], b: (typeof live)[number]) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1)
    const expectedOrder = [...live.filter((r) => r.stock > 0).sort(newestFirst), ...live.filter((r) => r.stock === 0).sort(newestFirst)].map((r) => r.id)

    for (const limit of [1, 7, 50]) {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        const page: any = (await get(`/listings?limit=${limit}${query}`)).json()
        expect(page.items.length).toBeLessThanOrEqual(limit)
        seen.push(...page.items.map((l: any) => l.id))
        cursor = page.nextCursor
        pages++
      } while (cursor && pages < 200)
      expect(new Set(seen).size).toBe(seen.length)
      expect([...seen].sort()).toEqual(expected)
      expect(seen).toEqual(expectedOrder)
    }
    // A farmer's own list (我的商品) orders the same way: his newest listing, sold out, comes last.
    const wangId = farmerId('wang-jianguo')
    const [newest] = await t.database.db.selectFrom('listings').select(['id', 'stock']).where('farmerId', '=', wangId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1).execute()
    await t.database.db.updateTable('listings').set({ stock: 0 }).where('id', '=', newest.id).execute()
    const mine = await t.database.db.selectFrom('listings').select(['id', 'stock', 'createdAt']).where('farmerId', '=', wangId).execute()
    const wang = await signInAs(t.app, 'wang-jianguo')
    const seenMine: string[] = []
    let next: string | null = null
    do {
      const page: any = (await get(`/my/listings?limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, bearer(wang))).json()
      seenMine.push(...page.items.map((l: any) => l.id))
      next = page.nextCursor
    } while (next)
    expect(seenMine[seenMine.length - 1]).toBe(newest.id)
    expect(seenMine).toEqual([...mine.filter((r) => r.stock > 0).sort(newestFirst), ...mine.filter((r) => r.stock === 0).sort(newestFirst)].map((r) => r.id))
    await t.database.db.updateTable('listings').set({ stock: newest.stock }).where('id', '=', newest.id).execute()
    await t.database.db.deleteFrom('listings').where('id', 'like', 'lst_extra%').execute()
  })

  it('serves the photos with long cache headers', async () => {
    const [listing] = (await get('/listings?limit=1')).json().items
    const photo = await t.app.inject({ url: new URL(listing.photos[0].url).pathname })
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')
    expect(photo.headers['cache-control']).toContain('immutable')
    expect(photo.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    const thumb = await t.app.inject({ url: new URL(listing.photos[0].thumbUrl).pathname })
    expect(thumb.statusCode).toBe(200)
    expect(thumb.rawPayload.length).toBeLessThan(photo.rawPayload.length)
    expect((await t.app.inject({ url: '/photos/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/photos/missing.jpg' })).statusCode).toBe(404)
  })

  describe('one listing', () => {
    const pending = () => seedId('lst', 'lamb-new')

    it('shows a live listing to anyone', async () => {
      const response = await get(`/listings/${seedId('lst', 'oat-flour')}`)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ title: '和林莜面', priceFen: 650, unit: 'jin' })
    })

    it('shows a listing under review only to its farmer and its village operator (404 for everyone else)', async () => {
      expect((await get(`/listings/${pending()}`)).statusCode).toBe(404)
      const farmer = await signInAs(t.app, 'wang-jianguo')
      expect((await get(`/listings/${pending()}`, bearer(farmer))).json().status).toBe('pending_review')
      const operator = await signInAs(t.app, 'op-shebiya')
      expect((await get(`/listings/${pending()}`, bearer(operator))).statusCode).toBe(200)
      for (const other of ['li-xiuying', 'op-xindianzi', 'buyer-chenxiao', 'staff-gao']) {
        const response = await get(`/listings/${pending()}`, bearer(await signInAs(t.app, other)))
        expect(response.statusCode).toBe(404)
      }
    })

    it('still shows the catalog to someone whose token expired', async () => {
      const response = await get('/listings?limit=1', { authorization: 'Bearer expiredtokenexpiredtoken' })
      expect(response.statusCode).toBe(200)
    })
  })
})
