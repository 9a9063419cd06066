import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../server/db/database'
import { migrateToLatest } from '../../server/db/migrate'
import { seedId } from '../../server/ids'
import { seedDemoCounty } from '../../server/seed/demo-county'
import { createLocalPhotoStorage } from '../../server/storage/photo-storage'
import { listingId } from './support/order-fixtures'
import { type Answer, type OrderLoad, startOrderLoad } from './support/order-load'
import { type ServerProcess, startServerProcess } from '../../support/server-process'
import { TEST_PICKUP_CODE_SECRET } from './support/test-app'
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres'

/* Issue 10: `pg_ctlcluster … restart` under order load ended the API process (an idle pooled
   connection's 'error' with no listener). The real server runs as a child process, on a
   PostgreSQL cluster of this file's own that is stopped, restarted and has its sessions killed
   while buyers order. PostgreSQL only: SQLite has no connection to lose (its SQLITE_BUSY answer
   is tested in db/outage.test.ts). */

const GOODS = ['oat-flour', 'millet', 'broomcorn', 'eggs']
const STOCK = 1_000_000
const BUYERS = 12
// "Within seconds": the server must answer again by itself this soon after PostgreSQL is back.
const RECOVERY_MS = 5000

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const pickLines = (): [string, number][] =>
  [...GOODS]
    .sort(() => Math.random() - 0.5)
    .slice(0, 1 + Math.floor(Math.random() * 2))
    .map((key) => [key, 1 + Math.floor(Math.random() * 3)])

describe('PostgreSQL restarted or its sessions killed under order load (PostgreSQL only: SQLite has no connection to lose)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-outage-'))
  let pg: ThrowawayPostgres
  let server: ServerProcess
  let tokens: string[]
  // Stopped after each test even when it failed: buyers asking a dead server forever would not.
  let running: OrderLoad | null = null
  const query = <R = Record<string, unknown>>(text: string, values?: unknown[]) => pg.query<R>('xiangji', text, values)

  beforeAll(async () => {
    pg = await startThrowawayPostgres()
    await pg.query('postgres', 'create database xiangji')
    const database = openDatabase(pg.urlOf('xiangji'))
    const buyerIds = Array.from({ length: BUYERS }, (_, i) => seedId('usr', `outage-buyer-${i}`))
    try {
      await migrateToLatest(database.db)
      await seedDemoCounty({ db: database.db, storage: createLocalPhotoStorage(path.join(dataDir, 'photos')) })
      await database.db.updateTable('listings').set({ stock: STOCK }).where('id', 'in', GOODS.map(listingId)).execute()
      const now = new Date().toISOString()
      await database.db
        .insertInto('users')
        .values(buyerIds.map((id, i) => ({ id, role: 'buyer' as const, name: `买家 ${i + 1}`, villageId: null, countyId: null, farmerId: null, wechatOpenid: null, createdAt: now })))
        .execute()
    } finally {
      await database.close()
    }
    // Jobs every 250 ms instead of 15 s, so a round falls inside each outage and right after it.
    server = await startServerProcess({
      DATABASE_URL: pg.urlOf('xiangji'),
      XIANGJI_DEV_LOGIN: '1',
      XIANGJI_DATA_DIR: dataDir,
      XIANGJI_H5_DIR: path.join(dataDir, 'no-h5'),
      XIANGJI_JOBS_INTERVAL_MS: '250',
      XIANGJI_PICKUP_CODE_SECRET: TEST_PICKUP_CODE_SECRET,
      LOG_LEVEL: 'warn',
    })
    tokens = await Promise.all(
      buyerIds.map(async (userId) => {
        const response = await fetch(`${server.api}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })
        return ((await response.json()) as { token: string }).token
      }),
    )
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    await pg?.remove()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  afterEach(async () => {
    await running?.stop(0)
    running = null
  })

  function expectServerUp() {
    const ended = server.exited()
    if (ended) throw new Error(`the server process ended (${ended}); its last words:\n${server.lastWords()}`)
  }

  async function ordersAfterWarmUp(): Promise<OrderLoad> {
    const started = startOrderLoad(server.api, tokens, pickLines)
    running = started
    while (started.placed.size < 20) {
      expectServerUp()
      await pause(50)
    }
    return started
  }

  /** Ms from `since` to the first order placed after it (the server answering by itself). */
  async function recoveredAfter(load: OrderLoad, since: number): Promise<number> {
    const deadline = Date.now() + 15_000
    for (;;) {
      const placed = load.answers.find((a) => a.status === 201 && a.at > since)
      if (placed) return placed.at - since
      if (Date.now() > deadline) return Infinity
      await pause(25)
    }
  }

  /** Every answer an HTTP answer; an outage a 503 in the error shape with Retry-After, never a 500. */
  function expectOnlyOrdersOr503s(answers: Answer[]) {
    const expected = (a: Answer) => a.status === 201 || (a.status === 409 && a.code === 'IDEMPOTENCY_IN_PROGRESS') || a.status === 503
    expect(answers.filter((a) => !expected(a))).toEqual([])
    for (const a of answers.filter((a) => a.status === 503)) {
      expect(a).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.any(String), retryAfter: expect.stringMatching(/^[1-9]\d*$/) })
    }
  }

  /** Each order answered 201 is in the database with its lines, and the stock it took is gone. */
  async function expectNothingLost(load: OrderLoad) {
    const ids = [...load.placed.keys()]
    const lines = await query<{ order_id: string; listing_id: string; quantity: number }>('select order_id, listing_id, quantity from order_lines where order_id = any($1)', [ids])
    expect(new Set(lines.map((l) => l.order_id)).size).toBe(ids.length)
    for (const order of load.placed.values()) {
      const stored = lines.filter((l) => l.order_id === order.id).map((l) => [l.listing_id, Number(l.quantity)])
      expect(stored.sort()).toEqual(order.lines.map(([key, quantity]) => [listingId(key), quantity]).sort())
    }
    // Including orders whose 201 never arrived: every unit taken is held by a live order, none
    // vanished with a rolled-back order and none was taken twice.
    const stock = await query<{ id: string; stock: number; held: string | null }>(
      `select l.id, l.stock, (select sum(ol.quantity) from order_lines ol join orders o on o.id = ol.order_id
         where ol.listing_id = l.id and o.status not in ('expired', 'cancelled')) as held
       from listings l where l.id = any($1)`,
      [GOODS.map(listingId)],
    )
    for (const row of stock) expect(row.stock + Number(row.held ?? 0)).toBe(STOCK)
  }

  /** More requests at once than the pool has connections: none meets a broken one left pooled. */
  async function expectAllAnswered() {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => fetch(`${server.api}/orders`, { headers: { authorization: `Bearer ${tokens[0]}` } }).then((r) => r.status)))
    expect(statuses.filter((s) => s !== 200)).toEqual([])
  }

  it('stays up while PostgreSQL is down, answers 503 with Retry-After, is back by itself, loses no order and its jobs run again', async () => {
    const load = await ordersAfterWarmUp()
    const jobFailuresBefore = server.logLines().filter((l) => String(l.msg).startsWith('order job failed')).length
    const down = Date.now()
    await pg.stop()
    await pause(2000)
    expectServerUp()
    await pg.start()
    const up = Date.now()
    const recovery = await recoveredAfter(load, up)
    await pause(1000)
    const unresolved = await load.stop()
    expectServerUp()

    const duringOutage = load.answers.filter((a) => a.at > down && a.at < up)
    expect(duringOutage.filter((a) => a.status === 503).length).toBeGreaterThan(0)
    expectOnlyOrdersOr503s(load.answers)
    expect(recovery).toBeLessThan(RECOVERY_MS)
    // A buyer who kept asking with the same key has the order now, not a "still being placed".
    expect(unresolved).toEqual([])
    await expectAllAnswered()
    await expectNothingLost(load)

    // The jobs failed rounds while PostgreSQL was away, and still run: an order due now expires.
    expect(server.logLines().filter((l) => String(l.msg).startsWith('order job failed')).length).toBeGreaterThan(jobFailuresBefore)
    const [due] = load.placed.keys()
    await query(`update orders set expires_at = '2000-01-01T00:00:00.000Z' where id = $1`, [due])
    const expireBy = Date.now() + 5000
    while ((await query<{ status: string }>('select status from orders where id = $1', [due]))[0].status !== 'expired' && Date.now() < expireBy) await pause(100)
    expect((await query<{ status: string }>('select status from orders where id = $1', [due]))[0].status).toBe('expired')
    await expectNothingLost(load) // the expired order's stock is back on the shelf, once
  }, 90_000)

  it('stays up through `pg_ctl restart -m fast` under load, the command of the report', async () => {
    const load = await ordersAfterWarmUp()
    await pg.restart()
    const up = Date.now()
    const recovery = await recoveredAfter(load, up)
    await pause(500)
    const unresolved = await load.stop()
    expectServerUp()
    expectOnlyOrdersOr503s(load.answers)
    expect(recovery).toBeLessThan(RECOVERY_MS)
    expect(unresolved).toEqual([])
    await expectAllAnswered()
    await expectNothingLost(load)
  }, 60_000)

  it('stays up when pg_terminate_backend ends its idle connections, and answers at once', async () => {
    await expectAllAnswered() // fills the pool with connections, then leaves them idle
    await pause(200)
    const ended = await query<{ ended: boolean }>(`select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = 'xiangji' and pid <> pg_backend_pid()`)
    expect(ended.length).toBeGreaterThan(0)
    await pause(500)
    expectServerUp()
    // Heard, not swallowed: each lost connection is in the server's log.
    expect(server.logLines().filter((l) => l.msg === 'database connection lost; the pool opens a new one on the next query').length).toBeGreaterThan(0)
    await expectAllAnswered()
  }, 30_000)

  it('stays up when pg_terminate_backend ends its connections under load, and loses no order', async () => {
    const load = await ordersAfterWarmUp()
    for (let i = 0; i < 3; i++) {
      await query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'xiangji' and pid <> pg_backend_pid()`)
      await pause(400)
      expectServerUp()
    }
    const unresolved = await load.stop()
    expectServerUp()
    expectOnlyOrdersOr503s(load.answers)
    expect(unresolved).toEqual([])
    await expectAllAnswered()
    await expectNothingLost(load)
  }, 60_000)

  it('still shuts down cleanly on SIGTERM afterwards: no connection left checked out', async () => {
    expectServerUp()
    const started = Date.now()
    await server.stop()
    expect(server.exited()).toBe('exit 0')
    expect(Date.now() - started).toBeLessThan(10_000)
  }, 30_000)
})
