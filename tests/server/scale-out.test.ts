import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Pool } from 'pg'
import { openDatabase, type Database } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrate'
import { seedId } from '../../server/ids'
import { createS3PhotoStorage } from '../../server/storage/s3-photo-storage'
import { seedDemoCountyKeepingPhotos } from '../../support/kept-demo-photos'
import { type FakeWeChat, startFakeWeChat } from './support/fake-wechat'
import { startLocalS3, type LocalS3 } from './support/local-s3'
import { photoForm } from './support/multipart'
import { listingId, orderBody } from './support/order-fixtures'
import { photo } from './support/photo-fixtures'
import { type ServerProcess, startServerProcess } from '../../support/server-process'
import { demoUserId, TEST_PG_URL } from './support/test-app'

/* Two server processes on one PostgreSQL, as a county runs them behind a load balancer: nothing a
   request needs may live in one process. PostgreSQL only by nature: SQLite is one machine's file
   (several workers on one machine share it: `WEB_CONCURRENCY`). Requests are split between the
   two on purpose; photos are in one S3-compatible bucket; both run the jobs on a fast timer, and
   the fake WeChat counts the messages they send. */

const TEMPLATE = 'pickup-ready-template-0001'

describe('two server processes on one PostgreSQL', () => {
  const database = `scale_${randomBytes(5).toString('hex')}`
  const admin = new Pool({ connectionString: TEST_PG_URL, max: 1 })
  admin.on('error', () => {})
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-scale-'))
  let db: Database
  let s3: LocalS3
  let wechat: FakeWeChat
  let servers: ServerProcess[] = []
  const api = (i: number) => servers[i % 2].api

  beforeAll(async () => {
    await admin.query(`create database ${database}`)
    const url = new URL(TEST_PG_URL)
    url.pathname = `/${database}`
    ;[s3, wechat] = await Promise.all([startLocalS3(), startFakeWeChat()])
    db = openDatabase(url.toString())
    await migrateToLatest(db.db)
    const store = createS3PhotoStorage(s3.config)
    await seedDemoCountyKeepingPhotos({ db: db.db, storage: store })
    store.destroy()
    const env = {
      ...s3.env,
      DATABASE_URL: url.toString(),
      XIANGJI_DATA_DIR: dataDir,
      XIANGJI_DEV_LOGIN: '1',
      XIANGJI_PICKUP_CODE_SECRET: randomBytes(32).toString('hex'),
      XIANGJI_JOBS_INTERVAL_MS: '100',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      WECHAT_PICKUP_TEMPLATE_ID: TEMPLATE,
      LOG_LEVEL: 'warn',
    }
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)])
  }, 240_000)

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await db?.close()
    await Promise.all([s3?.close(), wechat?.close()])
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  async function call(i: number, token: string | null, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(api(i) + url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json().catch(() => null)) as any }
  }

  /** Signed in on one process, the token is good on the other: sessions are rows. */
  async function signIn(userId: string, on = 0): Promise<string> {
    const response = await call(on, null, 'POST', '/auth/dev', { userId })
    if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`)
    return response.body.token
  }

  async function newBuyers(count: number): Promise<string[]> {
    const now = new Date().toISOString()
    const ids = Array.from({ length: count }, (_, i) => seedId('usr', `scale-${i}-${Math.random()}`))
    await db.db.insertInto('users').values(ids.map((id, i) => ({ id, role: 'buyer' as const, name: `买家 ${i + 1}`, villageId: null, countyId: null, farmerId: null, wechatOpenid: null, createdAt: now }))).execute()
    return Promise.all(ids.map((id, i) => signIn(id, i)))
  }

  const stockOf = async (key: string) => (await db.db.selectFrom('listings').select('stock').where('id', '=', listingId(key)).executeTakeFirstOrThrow()).stock

  it('a session made on one process is good on the other', async () => {
    const token = await signIn(demoUserId('buyer-zhoumin'), 0)
    expect((await call(1, token, 'GET', '/me')).status).toBe(200)
  })

  it('50 buyers split across both race for the last 10 units: exactly 10 orders, stock 0', async () => {
    await db.db.updateTable('listings').set({ stock: 10 }).where('id', '=', listingId('lamb-leg')).execute()
    const buyers = await newBuyers(50)
    const responses = await Promise.all(buyers.map((token, i) => call(i, token, 'POST', '/orders', orderBody([['lamb-leg', 1]]), { 'idempotency-key': `race-${i}` })))
    const codes = responses.map((r) => r.status)
    expect(codes.filter((c) => c === 201)).toHaveLength(10)
    expect(codes.filter((c) => c === 409)).toHaveLength(40)
    for (const r of responses.filter((r) => r.status === 409)) expect(r.body.error.code).toBe('OUT_OF_STOCK')
    expect(await stockOf('lamb-leg')).toBe(0)
  })

  it('the same Idempotency-Key sent to both at once is one order', async () => {
    const [buyer] = await newBuyers(1)
    const before = await stockOf('millet')
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => call(i, buyer, 'POST', '/orders', orderBody([['millet', 2]]), { 'idempotency-key': 'one-key-two-servers' })))
    const created = responses.filter((r) => r.status === 201)
    expect(created.length).toBeGreaterThan(0)
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1)
    for (const r of responses.filter((r) => r.status !== 201)) expect(r).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_IN_PROGRESS' } } })
    // Once settled, either process replays the same order.
    const again = await Promise.all([0, 1].map((i) => call(i, buyer, 'POST', '/orders', orderBody([['millet', 2]]), { 'idempotency-key': 'one-key-two-servers' })))
    for (const r of again) expect(r).toMatchObject({ status: 201, body: { id: created[0].body.id } })
    expect(await stockOf('millet')).toBe(before - 2)
  })

  describe('orders ready for pickup', () => {
    const cast = { buyer: '', shebiya: '', xindianzi: '', staff: '' }
    beforeAll(async () => {
      cast.buyer = await signIn(demoUserId('buyer-chenxiao'), 0)
      cast.shebiya = await signIn(demoUserId('op-shebiya'), 1)
      cast.xindianzi = await signIn(demoUserId('op-xindianzi'), 0)
      cast.staff = await signIn(demoUserId('staff-gao'), 1)
      // After signing in (dev login takes demo users without WeChat): her messages go to WeChat.
      await db.db.updateTable('users').set({ wechatOpenid: 'o-chenxiao' }).where('id', '=', demoUserId('buyer-chenxiao')).execute()
    })

    /** Placed and paid on one process, collected and received on the other. */
    async function readyOrder(): Promise<{ id: string; pickupCode: string }> {
      const placed = await call(0, cast.buyer, 'POST', '/orders', orderBody([['lamb-chops', 1], ['milk-fresh', 1]]), { 'idempotency-key': `ready-${randomBytes(6).toString('hex')}` })
      expect(placed.status).toBe(201)
      const started = await call(1, cast.buyer, 'POST', `/orders/${placed.body.id}/payments`, { provider: 'sandbox' })
      const paid = await call(0, cast.buyer, 'POST', `/payments/sandbox/${started.body.paymentId}/confirm`)
      expect(paid.status).toBe(200)
      const lamb = paid.body.parcels.find((p: any) => p.farmer.name === '王建国')
      const milk = paid.body.parcels.find((p: any) => p.farmer.name === '李秀英')
      for (const [i, token, url] of [
        [1, cast.shebiya, `/parcels/${lamb.id}/collect`],
        [0, cast.xindianzi, `/parcels/${milk.id}/collect`],
        [1, cast.staff, `/parcels/${lamb.id}/receive`],
        [0, cast.staff, `/parcels/${milk.id}/receive`],
      ] as const) expect((await call(i, token, 'POST', url)).status).toBe(200)
      return (await call(1, cast.buyer, 'GET', `/orders/${placed.body.id}`)).body
    }

    it('20 verifies of one code split across both hand the order over once', async () => {
      const order = await readyOrder()
      const taps = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i, cast.staff, 'POST', '/pickups/verify', { code: order.pickupCode })))
      const codes = taps.map((r) => r.status)
      expect(codes.filter((c) => c === 200)).toHaveLength(1)
      expect(codes.filter((c) => c === 409)).toHaveLength(19)
      const timeline = (await call(0, cast.buyer, 'GET', `/orders/${order.id}`)).body.timeline
      expect(timeline.filter((e: any) => e.kind === 'picked_up')).toHaveLength(1)
    })

    it('both processes run the jobs, and each "ready for pickup" message is sent once', async () => {
      const orders = [await readyOrder(), await readyOrder(), await readyOrder()]
      const ids = orders.map((o) => o.id)
      const pending = () => db.db.selectFrom('buyerMessages').select('id').where('orderId', 'in', ids).where('status', '!=', 'sent').execute()
      // Waits for the jobs (every 100 ms in each process); no timing is asserted, only the count.
      for (let i = 0; i < 300 && (await pending()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await pending()).toEqual([])
      // A few more rounds of both: still once each.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      for (const id of ids) expect(wechat.messages.filter((m) => m.page.includes(id))).toHaveLength(1)
    })
  })

  it('a photo uploaded to one process is served by the other', async () => {
    const farmer = await signIn(demoUserId('wang-jianguo'), 0)
    const form = photoForm(await photo(640, 480).jpeg().toBuffer())
    const uploaded = await fetch(`${api(0)}/photos`, { method: 'POST', headers: { ...form.headers, authorization: `Bearer ${farmer}` }, body: new Uint8Array(form.payload) })
    expect(uploaded.status).toBe(201)
    const { url } = (await uploaded.json()) as { url: string }
    const served = await fetch(new URL(new URL(url).pathname, api(1)))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toMatch(/image\/jpeg/)
    expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(1000)
  })

  it('neither process died', () => {
    for (const server of servers) expect(server.exited()).toBeNull()
  })
})
