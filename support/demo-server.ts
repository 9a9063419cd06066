import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../server/app'
import { systemClock } from '../server/clock'
import { readConfig } from '../server/config'
import { openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { createWeChatLogin } from '../server/integrations/wechat-login'
import type { WeChatPayConfig } from '../server/integrations/wxpay/config'
import { seedDemoCounty } from '../server/seed/demo-county'
import { addBulkListings } from './bulk-listings'
import { createLocalPhotoStorage } from '../server/storage/photo-storage'

/* The real server with the demo county, on a random port of 127.0.0.1, serving the built H5
   app: what `npm start` runs, for the browser and mini-program tests and the benchmarks. */

export interface DemoServer {
  url: string
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
  const seeded = await seedDemoCounty({ db: database.db, storage })
  if (options.extraListings) await addBulkListings(database.db, seeded.countyId, options.extraListings)
  const app = await buildApp({ config, db: database.db, dialect: database.dialect, storage, clock: systemClock, wechatLogin: createWeChatLogin(config.wechat), logger: { level: 'warn' } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    async close() {
      await app.close()
      await database.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
