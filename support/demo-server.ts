import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../server/app'
import type { Clock } from '../server/clock'
import { readConfig } from '../server/config'
import { openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { createWeChatLogin } from '../server/integrations/wechat-login'
import type { WeChatPayConfig } from '../server/integrations/wxpay/config'
import { addBulkListings } from './bulk-listings'
import { seedDemoCountyKeepingPhotos } from './kept-demo-photos'
import { createLocalPhotoStorage } from '../server/storage/photo-storage'

/* The real server with the demo county, on a random port of 127.0.0.1, serving the built H5
   app: what `npm start` runs, for the browser and mini-program tests and the benchmarks. */

export interface DemoServer {
  url: string
  /** Moves the server's clock on (a day for an after-sale window to close) and runs its jobs once,
   *  as the timer of a long-running server would have by then. */
  passTime(ms: number): Promise<void>
  /** Where its SQLite file (xiangji.db) and photos are. */
  dataDir: string
  /** The server itself and its database, for a test process that readies a scene before it says it listens. */
  app: Awaited<ReturnType<typeof buildApp>>
  database: ReturnType<typeof openDatabase>
  close(): Promise<void>
}

export interface DemoServerOptions {
  wechatApiBase?: string
  appId?: string
  appSecret?: string
  /** Adds this many more live grain listings (sharing demo photos): a county-sized catalog. */
  extraListings?: number
  /** WeChat Pay (against a fake), for the mini-program's checkout. */
  wechatPay?: WeChatPayConfig | null
  /** Runs the order jobs (settlement, payouts, …) this often, as `npm start` does; off by default. */
  jobsIntervalMs?: number
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-demo-'))
  const base = readConfig({} as NodeJS.ProcessEnv)
  const config = {
    ...base,
    devLogin: true,
    dataDir: dir,
    logLevel: 'warn',
    wechat: { ...base.wechat, apiBase: options.wechatApiBase ?? base.wechat.apiBase, appId: options.appId ?? '', appSecret: options.appSecret ?? '' },
    wechatPay: options.wechatPay ?? null,
  }
  const database = openDatabase(path.join(dir, 'xiangji.db'))
  await migrateToLatest(database.db)
  const storage = createLocalPhotoStorage(path.join(dir, 'photos'))
  const seeded = await seedDemoCountyKeepingPhotos({ db: database.db, storage })
  if (options.extraListings) await addBulkListings(database.db, seeded.countyId, options.extraListings)
  let offsetMs = 0
  const clock: Clock = () => new Date(Date.now() + offsetMs)
  const app = await buildApp({ config, db: database.db, dialect: database.dialect, storage, clock, wechatLogin: createWeChatLogin(config.wechat), logger: { level: 'warn' } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  if (options.jobsIntervalMs) app.orderJobs.start(options.jobsIntervalMs)
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async passTime(ms) {
      offsetMs += ms
      await app.orderJobs.runOnce()
    },
    dataDir: dir,
    app,
    database,
    async close() {
      await app.close()
      await database.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
