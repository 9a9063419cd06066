import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Pool } from 'pg'
import { buildApp } from '../server/app'
import type { Clock } from '../server/clock'
import { readConfig, type ServerConfig } from '../server/config'
import { type Database, type DialectName, openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { seedId } from '../server/ids'
import { createWeChatLogin } from '../server/integrations/wechat-login'
import type { WeChatPayConfig } from '../server/integrations/wxpay/config'
import type { BackoffPolicy } from '../server/integrations/wechat-content-security'
import { createLocalPhotoStorage, type PhotoStorage } from '../server/storage/photo-storage'
import { seedDemoCountyKeepingPhotos } from './kept-demo-photos'

/* Every server test runs on SQLite AND on PostgreSQL: `describe.each(DATABASES)`. PostgreSQL
   runs get a schema of their own, dropped afterwards, so test files can run side by side. */

export const DATABASES: DialectName[] = ['sqlite', 'postgres']
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestApp {
  app: FastifyInstance
  database: Database
  storage: PhotoStorage
  config: ServerConfig
  /** Move the server's clock (token expiry). */
  advance(ms: number): void
  /** Set the server's clock to this instant; it runs on from there. */
  setNow(iso: string): void
  /** How far the server's clock is ahead of the real one, in ms. */
  clockOffset(): number
  logLines: string[]
  /** A second server on the same database and data directory: another process, as in production. */
  anotherServer(overrides?: Partial<ServerConfig>): Promise<FastifyInstance>
  close(): Promise<void>
}

export interface TestAppOptions {
  devLogin?: boolean
  seed?: boolean
  wechat?: { apiBase: string; appId: string; appSecret: string; pickupTemplateId?: string; saleTemplateId?: string }
  /** 'info' by default, so tests can read the log; benchmarks turn it down. */
  logLevel?: string
  /** WeChat Pay against a fake (tests/server/support/fake-wechat-pay.ts). */
  wechatPay?: WeChatPayConfig
  /** Server settings beyond the test defaults (timeouts, proxies, the public URL). */
  config?: Partial<ServerConfig>
  /** The content checks' waits when WeChat is busy (short in tests). */
  contentBackoff?: BackoffPolicy
  /** Where photos live; the test's data folder by default. */
  storage?: PhotoStorage
}

/** The pickup codes' secret every server process of a PostgreSQL test shares, as in production. */
export const TEST_PICKUP_CODE_SECRET = randomBytes(32).toString('hex')

export async function createTestApp(dialect: DialectName, options: TestAppOptions = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-test-'))
  let database: Database
  let dropSchema = async () => {}
  if (dialect === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new Pool({ connectionString: TEST_PG_URL, max: 1 })
    // A lost idle connection is opened again by the next query; unheard, its 'error' would end the test run.
    admin.on('error', () => {})
    await admin.query(`create schema ${schema}`)
    database = openDatabase(TEST_PG_URL, { pgSchema: schema })
    dropSchema = async () => {
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    }
  } else {
    database = openDatabase(path.join(dir, 'xiangji.db'))
  }
  await migrateToLatest(database.db)

  let offset = 0
  const clock: Clock = () => new Date(Date.now() + offset)
  const base = readConfig({} as NodeJS.ProcessEnv)
  const config: ServerConfig = {
    ...base,
    devLogin: options.devLogin ?? true,
    dataDir: dir,
    h5Dir: path.join(dir, 'no-h5'),
    wechat: { ...base.wechat, ...options.wechat, timeoutMs: 2000 },
    wechatPay: options.wechatPay ?? null,
    // PostgreSQL refuses to start without it; SQLite keeps generating its own into the data folder.
    pickupCodeSecret: dialect === 'postgres' ? TEST_PICKUP_CODE_SECRET : undefined,
    // A test writes to the database directly and reads the catalog at once.
    catalogRecheckMs: 0,
    ...options.config,
  }
  const storage = options.storage ?? createLocalPhotoStorage(path.join(dir, 'photos'))
  if (options.seed ?? true) await seedDemoCountyKeepingPhotos({ db: database.db, storage, clock })

  const logLines: string[] = []
  const others: FastifyInstance[] = []
  const app = await buildApp({
    config,
    db: database.db,
    dialect,
    storage,
    clock,
    wechatLogin: createWeChatLogin(config.wechat),
    logger: { level: options.logLevel ?? 'info', stream: { write: (line: string) => void logLines.push(line) } },
    contentBackoff: options.contentBackoff,
  })
  await app.ready()

  return {
    app,
    database,
    storage,
    config,
    logLines,
    advance: (ms) => void (offset += ms),
    setNow: (iso) => void (offset = Date.parse(iso) - Date.now()),
    clockOffset: () => offset,
    async anotherServer(overrides = {}) {
      const other = await buildApp({ config: { ...config, ...overrides }, db: database.db, dialect, storage, clock, wechatLogin: createWeChatLogin(config.wechat), logger: false })
      await other.ready()
      others.push(other)
      return other
    },
    async close() {
      for (const other of others) await other.close()
      await app.close()
      await database.close()
      await dropSchema()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The demo user with this seed key (see server/seed/demo-data.ts). */
export const demoUserId = (key: string) => seedId('usr', key)

/** Signs in as the demo user with this key (or, given `userId`, as that user) through dev login. */
export async function signInAs(app: FastifyInstance, key: string, userId = demoUserId(key)): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId } })
  if (response.statusCode !== 200) throw new Error(`dev sign-in as ${key} failed: ${response.body}`)
  return response.json().token
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
