import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { Pool } from 'pg'
import type { DialectName } from '../../server/db/database'
import { openDatabase } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrate'
import { createLocalPhotoStorage } from '../../server/storage/photo-storage'
import { seedDemoCountyKeepingPhotos } from '../../support/kept-demo-photos'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { listingId, orderBody, placeOrder } from './support/order-fixtures'
import { type ServerProcess, startServerProcess } from '../../support/server-process'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, TEST_PG_URL, TEST_PICKUP_CODE_SECRET, type TestApp } from './support/test-app'

/* Issue 16: catalog and listing answers are kept rendered by each process and dropped when any
   write changes what they show (an order, an edit, an approval, a verdict hiding a listing), on
   this process and, within the one second, on every other. A client holding an answer's
   ETag gets 304. */

const MILLET = listingId('millet')
const LAMB_CHOPS = listingId('lamb-chops')

describe.each(DATABASES)('catalog and listing answers kept rendered on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })
  const inCatalog = async (id: string) => (await get('/listings?limit=100')).json().items.find((l: any) => l.id === id)

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['buyer-chenxiao', 'wang-jianguo', 'op-shebiya']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t.close())

  it('answers an ETag, 304 to a client that holds it, and a new answer and ETag once the listing changes', async () => {
    for (const url of ['/listings?limit=20', `/listings/${LAMB_CHOPS}`]) {
      const first = await get(url)
      const etag = first.headers.etag as string
      expect(etag).toMatch(/^".+"$/)
      const again = await get(url, { 'if-none-match': etag })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
      expect((await get(url, { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304)
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    }
    const before = await get(`/listings/${LAMB_CHOPS}`)
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/listings/${LAMB_CHOPS}`, headers: bearer(tokens['op-shebiya']), payload: { priceFen: 7100 } })
    expect(edited.json()).toMatchObject({ status: 'live', priceFen: 7100 })
    const after = await get(`/listings/${LAMB_CHOPS}`, { 'if-none-match': before.headers.etag as string })
    expect(after.statusCode).toBe(200)
    expect(after.json().priceFen).toBe(7100)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect((await inCatalog(LAMB_CHOPS)).priceFen).toBe(7100)
  })

  it('shows the stock an order took, and the stock a direct write gave back', async () => {
    const stock = (await get(`/listings/${MILLET}`)).json().stock
    expect((await inCatalog(MILLET)).stock).toBe(stock)
    expect((await placeOrder(t, tokens['buyer-chenxiao'], orderBody([['millet', 3]]))).statusCode).toBe(201)
    expect((await get(`/listings/${MILLET}`)).json().stock).toBe(stock - 3)
    expect((await inCatalog(MILLET)).stock).toBe(stock - 3)
    await t.database.db.updateTable('listings').set({ stock: 0 }).where('id', '=', MILLET).execute()
    expect((await inCatalog(MILLET)).soldOut).toBe(true)
    await t.database.db.updateTable('listings').set({ stock }).where('id', '=', MILLET).execute()
    expect((await inCatalog(MILLET)).stock).toBe(stock)
  })

  it('drops a listing hidden by a verdict at once, and shows an approved one at once', async () => {
    expect(await inCatalog(LAMB_CHOPS)).toBeDefined()
    await t.database.db.updateTable('listings').set({ status: 'hidden', hiddenReason: 'photo' }).where('id', '=', LAMB_CHOPS).execute()
    expect(await inCatalog(LAMB_CHOPS)).toBeUndefined()
    expect((await get(`/listings/${LAMB_CHOPS}`)).statusCode).toBe(404)
    await t.database.db.updateTable('listings').set({ status: 'live', hiddenReason: null }).where('id', '=', LAMB_CHOPS).execute()

    const listed = await t.app.inject({ method: 'POST', url: '/api/v1/listings', headers: bearer(tokens['wang-jianguo']), payload: lambFields([await photoUploadedBy(t, 'wang-jianguo')]) })
    const id = listed.json().id
    expect(await inCatalog(id)).toBeUndefined()
    expect((await get(`/listings/${id}`)).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/listings/${id}/approve`, headers: bearer(tokens['op-shebiya']) })).statusCode).toBe(200)
    expect(await inCatalog(id)).toBeDefined()
    expect((await get(`/listings/${id}`)).json().status).toBe('live')
  })

  it('never answers its farmer the buyers\' copy, nor a buyer the farmer\'s', async () => {
    expect((await get(`/listings/${LAMB_CHOPS}`, bearer(tokens['buyer-chenxiao']))).json().contentCheck).toBeUndefined()
    expect((await get(`/listings/${LAMB_CHOPS}`, bearer(tokens['wang-jianguo']))).json().contentCheck).toBeDefined()
    expect((await get(`/listings/${LAMB_CHOPS}`)).json().contentCheck).toBeUndefined()
  })

  it('makes photo URLs with the origin each request came to', async () => {
    const photoOf = async (host: string) => (await get(`/listings/${LAMB_CHOPS}`, { host })).json().photos[0].url as string
    expect(await photoOf('a.example:8080')).toMatch(/^http:\/\/a\.example:8080\/photos\//)
    expect(await photoOf('b.example')).toMatch(/^http:\/\/b\.example\/photos\//)
  })
})

// The bound: a change made through one process shows on every other within one second.
const VISIBLE_WITHIN_MS = 1000

/** A database of its own for servers run as processes: a SQLite file, or a PostgreSQL database. */
async function sharedDatabase(dialect: DialectName, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { url: path.join(dir, 'xiangji.db'), drop: async () => {} }
  const admin = new Pool({ connectionString: TEST_PG_URL, max: 1 })
  const name = `t_catalog_${randomBytes(4).toString('hex')}`
  await admin.query(`create database ${name}`)
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

describe.each(DATABASES)('a change made through one server process, seen by another on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-catalog-'))
  let database: { url: string; drop(): Promise<void> }
  const servers: ServerProcess[] = []
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    database = await sharedDatabase(dialect, dir)
    const db = openDatabase(database.url)
    try {
      await migrateToLatest(db.db)
      await seedDemoCountyKeepingPhotos({ db: db.db, storage: createLocalPhotoStorage(path.join(dir, 'photos')) })
    } finally {
      await db.close()
    }
    // The recheck time production runs with.
    const env = { DATABASE_URL: database.url, XIANGJI_DEV_LOGIN: '1', XIANGJI_DATA_DIR: dir, XIANGJI_H5_DIR: path.join(dir, 'no-h5'), XIANGJI_PICKUP_CODE_SECRET: TEST_PICKUP_CODE_SECRET, LOG_LEVEL: 'warn' }
    for (const server of await Promise.all([startServerProcess(env), startServerProcess(env)])) servers.push(server)
    ;[a, b] = servers
  }, 120_000)

  afterAll(async () => {
    for (const server of servers) await server.stop()
    await database?.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const call = async (server: ServerProcess, method: string, url: string, token?: string, body?: object) => {
    const response = await fetch(server.api + url, { method, headers: { ...(token ? bearer(token) : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
    return { status: response.status, json: (await response.json()) as any }
  }
  const signIn = async (key: string) => (await call(a, 'POST', '/auth/dev', undefined, { userId: demoUserId(key) })).json.token as string

  /** What `read` gives on server B once it equals `expected`, or at the deadline. */
  async function seenOnB<T>(read: () => Promise<T>, expected: T): Promise<T> {
    const deadline = Date.now() + VISIBLE_WITHIN_MS
    let seen = await read()
    while (seen !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      seen = await read()
    }
    return seen
  }

  it('an order placed on A takes stock on B\'s catalog and listing; an operator\'s price on A shows on B', async () => {
    const stockOnB = async () => (await call(b, 'GET', `/listings/${MILLET}`)).json.stock as number
    const catalogStockOnB = async () => ((await call(b, 'GET', '/listings?limit=100')).json.items.find((l: any) => l.id === MILLET).stock as number)
    const before = await stockOnB()
    expect(await catalogStockOnB()).toBe(before)

    const buyer = await signIn('buyer-chenxiao')
    const placed = await fetch(`${a.api}/orders`, { method: 'POST', headers: { ...bearer(buyer), 'content-type': 'application/json', 'idempotency-key': `two-processes-${dialect}` }, body: JSON.stringify(orderBody([['millet', 2]])) })
    expect(placed.status).toBe(201)
    expect(await seenOnB(stockOnB, before - 2)).toBe(before - 2)
    expect(await seenOnB(catalogStockOnB, before - 2)).toBe(before - 2)

    const operator = await signIn('op-shebiya')
    const priceOnB = async () => (await call(b, 'GET', `/listings/${LAMB_CHOPS}`)).json.priceFen as number
    const catalogPriceOnB = async () => ((await call(b, 'GET', '/listings?limit=100')).json.items.find((l: any) => l.id === LAMB_CHOPS).priceFen as number)
    expect(await priceOnB()).not.toBe(7300)
    expect((await call(a, 'PATCH', `/listings/${LAMB_CHOPS}`, operator, { priceFen: 7300 })).json.priceFen).toBe(7300)
    expect(await seenOnB(priceOnB, 7300)).toBe(7300)
    expect(await seenOnB(catalogPriceOnB, 7300)).toBe(7300)
  })
})
