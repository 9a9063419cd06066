import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { systemClock } from './clock'
import type { ServerConfig } from './config'
import { type Database, type DialectName, openDatabase } from './db/database'
import { migrateToLatest } from './db/migrate'
import { createWeChatLogin } from './integrations/wechat-login'
import { createLocalPhotoStorage, type PhotoStorage, withPhotoUrlPrefix } from './storage/photo-storage'
import { createS3PhotoStorage } from './storage/s3-photo-storage'

export interface Runtime {
  database: Database
  storage: PhotoStorage
  app: FastifyInstance
}

export function photoDir(config: ServerConfig): string {
  return path.join(config.dataDir, 'photos')
}

/** The bucket when one is configured, else the data folder; URLs on the CDN when there is one. */
export function openPhotoStorage(config: ServerConfig): PhotoStorage & { close(): void } {
  const { s3, urlPrefix } = config.photoStore
  const store = s3 ? createS3PhotoStorage(s3) : { ...createLocalPhotoStorage(photoDir(config)), destroy() {} }
  const storage = urlPrefix ? withPhotoUrlPrefix(store, urlPrefix) : store
  return { ...storage, close: () => store.destroy() }
}

/** Opens the database, runs the migrations and builds the app: what `npm run server` does. */
export async function startRuntime(config: ServerConfig, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const database = openDatabase(config.databaseUrl)
  if (options.migrate ?? true) await migrateToLatest(database.db)
  const storage = openPhotoStorage(config)
  const app = await buildApp({ config, db: database.db, dialect: database.dialect, storage, clock: systemClock, wechatLogin: createWeChatLogin(config.wechat) })
  database.onConnectionLost((error) => app.log.warn({ err: error }, 'database connection lost; the pool opens a new one on the next query'))
  app.addHook('onClose', async () => {
    storage.close()
    await database.close()
  })
  app.orderJobs.start(config.jobsIntervalMs)
  return { database, storage, app }
}

export async function listen(runtime: Runtime, config: ServerConfig): Promise<void> {
  await runtime.app.listen({ port: config.port, host: config.host })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void runtime.app.close().then(() => process.exit(0)))
  }
}

/** The line tests and people wait for: the server answers from here on. */
export function announce(dialect: DialectName, config: ServerConfig, workers = 1): void {
  const url = `http://${['0.0.0.0', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host}:${config.port}`
  console.log(`\n  Xiangji is running at ${url}  (database: ${dialect}${workers > 1 ? `, ${workers} worker processes` : ''})`)
  console.log(config.devLogin ? '  Dev login is ON: choose a demo user in the app (我的 → 选择演示用户).\n' : '  Dev login is off.\n')
}
