import cluster, { type Worker } from 'node:cluster'
import type { ServerConfig } from './config'
import { isPostgresUrl, openDatabase } from './db/database'
import { migrateToLatest } from './db/migrate'
import { pickupCodeSecret } from './secrets'
import type { DB } from './db/schema'
import { openPhotoStorage } from './runtime'
import type { PhotoStorage } from './storage/photo-storage'
import type { Kysely } from 'kysely'

/* `WEB_CONCURRENCY=N npm run server`: N worker processes (Node's cluster) share the port, so a
   machine's cores all answer. Nothing a request needs lives in one process: sessions, rate
   limits, idempotency keys and the jobs' claims are rows in the database, photos are in the
   bucket (or the one data folder), and the pickup codes' secret is the environment's (or the
   data folder's). The primary migrates once, before any worker starts, then only forks, replaces
   a worker that dies, and stops them all on SIGTERM. */

export interface WorkerPool {
  /** Resolves when every worker listens. */
  ready: Promise<void>
  stop(): Promise<void>
}

/** What runs once before anything answers, with the database migrated (npm start's demo county). */
export type Prepare = (db: Kysely<DB>, storage: PhotoStorage) => Promise<void>

/** Before forking: what every worker relies on, done once. */
export async function prepareForWorkers(config: ServerConfig, prepare?: Prepare): Promise<void> {
  const file = config.databaseUrl.replace(/^sqlite:(\/\/)?/, '')
  if (!isPostgresUrl(config.databaseUrl) && (file === ':memory:' || file === '')) {
    throw new Error('WEB_CONCURRENCY above 1 needs a database every worker opens: a SQLite file or PostgreSQL, not :memory:')
  }
  const database = openDatabase(config.databaseUrl)
  try {
    await migrateToLatest(database.db)
    // On SQLite the secret is generated into the data folder: once, here, not by N workers at once.
    pickupCodeSecret(config, database.dialect)
    if (prepare) {
      const storage = openPhotoStorage(config)
      try {
        await prepare(database.db, storage)
      } finally {
        storage.close()
      }
    }
  } finally {
    await database.close()
  }
}

export function forkWorkers(count: number, log: (line: string) => void = console.log): WorkerPool {
  let stopping = false
  let listening = 0
  let markReady: () => void = () => {}
  let fail: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    fail = reject
  })
  const started = new WeakSet<Worker>()

  const fork = () => {
    const worker = cluster.fork()
    worker.once('listening', () => {
      started.add(worker)
      if (++listening === count) markReady()
    })
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    if (!started.has(worker)) {
      // A worker that could not start would fail again at once: stop, rather than fork forever.
      fail(new Error(`worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}) before it listened`))
      return
    }
    log(`worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`)
    fork()
  })
  for (let i = 0; i < count; i++) fork()

  return {
    ready,
    async stop() {
      stopping = true
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined)
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve()
              worker.once('exit', () => resolve())
              worker.process.kill('SIGTERM')
            }),
        ),
      )
    },
  }
}
