import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import Fastify from 'fastify'
import { Client, Pool } from 'pg'
import { databaseOutage } from '../../../server/db/outage'
import { installErrorHandler } from '../../../server/http/errors'
import { ServiceError } from '../../../server/services/service-error'
import { newKey, orderBody, placeOrder } from '../support/order-fixtures'
import { createTestApp, signInAs, TEST_PG_URL } from '../support/test-app'
import { freePort } from '../../../support/free-port'

/* Which errors are "the database is away" (server/db/outage.ts), judged on errors the drivers
   really throw wherever they can be made here, and what the client is told: 503
   DATABASE_UNAVAILABLE with Retry-After, never a 500. The restart itself, on PostgreSQL, is
   tests/server/database-outage.test.ts. */

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('databaseOutage: PostgreSQL (pg) errors', () => {
  it('a PostgreSQL that is not running: ECONNREFUSED', async () => {
    const port = await freePort()
    const error = await caught(() => new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/test` }).connect())
    expect(databaseOutage(error)).toEqual({ reason: 'ECONNREFUSED', retryAfterSeconds: 2 })
  })

  it('a session ended by pg_terminate_backend: 57P01, then the connection gone, then not queryable', async () => {
    const victim = new Client({ connectionString: TEST_PG_URL })
    const emitted: unknown[] = []
    victim.on('error', (error) => emitted.push(error))
    await victim.connect()
    const admin = new Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    await admin.query('select pg_terminate_backend($1)', [(victim as unknown as { processID: number }).processID])
    await admin.end()
    while (emitted.length < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    const next = await caught(() => victim.query('select 1'))
    expect([...emitted, next].map((error) => databaseOutage(error)?.reason)).toEqual([
      '57P01',
      'Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
    ])
    await victim.end().catch(() => {})
  })

  it('a host that takes the connection and never answers: the pool’s connect timeout', async () => {
    const silent = net.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/test`, connectionTimeoutMillis: 200 })
    const error = await caught(() => pool.connect())
    expect(databaseOutage(error)?.reason).toBe('Connection terminated due to connection timeout')
    await pool.end()
    silent.close()
  })

  it('every pooled connection busy past the connect timeout', async () => {
    const pool = new Pool({ connectionString: TEST_PG_URL, max: 1, connectionTimeoutMillis: 200 })
    const held = await pool.connect()
    const error = await caught(() => pool.connect())
    expect(databaseOutage(error)?.reason).toBe('timeout exceeded when trying to connect')
    held.release()
    await pool.end()
  })

  it('the other codes of a server going away, and a dual-stack connect failing', () => {
    for (const code of ['57P02', '57P03', '08006', '08001', '08P01', '53300', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']) {
      expect(databaseOutage(Object.assign(new Error('away'), { code }))).toEqual({ reason: code, retryAfterSeconds: 2 })
    }
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })
    expect(databaseOutage(new AggregateError([refused, refused]))?.reason).toBe('ECONNREFUSED')
  })

  it('is not a query our code got wrong, nor another service that is down', async () => {
    const client = new Client({ connectionString: TEST_PG_URL })
    await client.connect()
    await client.query('create temporary table once (id int primary key)')
    await client.query('insert into once values (1)')
    const duplicate = await caught(() => client.query('insert into once values (1)'))
    const syntax = await caught(() => client.query('selec 1'))
    await client.end()
    // A failed fetch to WeChat carries ECONNREFUSED as its cause: that is not our database.
    const wechat = await caught(async () => fetch(`http://127.0.0.1:${await freePort()}/`))
    for (const error of [duplicate, syntax, wechat, new Error('boom'), new ServiceError('OUT_OF_STOCK', 'gone'), null, undefined, 'ECONNREFUSED']) {
      expect(databaseOutage(error)).toBeNull()
    }
  })
})

describe('databaseOutage: SQLite (better-sqlite3) errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-busy-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('another writer holding the file past busy_timeout: SQLITE_BUSY; a constraint is not an outage', () => {
    const file = path.join(dir, 'busy.db')
    const writer = new SqliteDatabase(file)
    writer.pragma('journal_mode = WAL')
    writer.exec('create table t (id integer primary key)')
    const other = new SqliteDatabase(file)
    other.pragma('busy_timeout = 0')
    writer.exec('begin immediate')
    let busy: unknown
    try {
      other.exec('insert into t values (1)')
    } catch (error) {
      busy = error
    }
    writer.exec('rollback')
    expect(databaseOutage(busy)).toEqual({ reason: 'SQLITE_BUSY', retryAfterSeconds: 1 })

    other.exec('insert into t values (1)')
    let constraint: unknown
    try {
      other.exec('insert into t values (1)')
    } catch (error) {
      constraint = error
    }
    expect((constraint as { code: string }).code).toMatch(/^SQLITE_CONSTRAINT/)
    expect(databaseOutage(constraint)).toBeNull()
    writer.close()
    other.close()
  })
})

describe('the error handler', () => {
  const app = Fastify({ logger: false })
  installErrorHandler(app)
  app.get('/restarting', async () => {
    throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
  })
  app.get('/busy', async () => {
    throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
  })
  app.get('/bug', async () => {
    throw new TypeError('cannot read properties of undefined')
  })
  afterAll(() => app.close())

  it('answers an outage 503 DATABASE_UNAVAILABLE in the error shape, with Retry-After in seconds', async () => {
    for (const [url, seconds] of [['/restarting', 2], ['/busy', 1]] as const) {
      const response = await app.inject({ url })
      expect(response.statusCode).toBe(503)
      expect(response.headers['retry-after']).toBe(String(seconds))
      expect(response.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String), details: { retryAfterSeconds: seconds } } })
    }
  })

  it('still answers our own bugs 500 INTERNAL, without Retry-After', async () => {
    const response = await app.inject({ url: '/bug' })
    expect(response.statusCode).toBe(500)
    expect(response.headers['retry-after']).toBeUndefined()
    expect(response.json().error.code).toBe('INTERNAL')
  })
})

describe('SQLite: a write waiting on another process past busy_timeout', () => {
  it('is answered 503 with Retry-After, and the same order placed once the file is free', async () => {
    const t = await createTestApp('sqlite', { logLevel: 'warn' })
    try {
      const buyer = await signInAs(t.app, 'buyer-chenxiao')
      // Another process (npm run seed, a second server) in a long write transaction.
      const other = new SqliteDatabase(path.join(t.config.dataDir, 'xiangji.db'))
      other.exec('begin immediate')
      const key = newKey()
      const blocked = await placeOrder(t, buyer, orderBody([['millet', 1]]), key)
      other.exec('rollback')
      other.close()
      expect(blocked.statusCode).toBe(503)
      expect(blocked.headers['retry-after']).toBe('1')
      expect(blocked.json().error.code).toBe('DATABASE_UNAVAILABLE')
      expect((await placeOrder(t, buyer, orderBody([['millet', 1]]), key)).statusCode).toBe(201)
    } finally {
      await t.close()
    }
  }, 30_000)
})
