import cluster from 'node:cluster'
import type { ServerConfig } from './config'
import { isPostgresUrl } from './db/database'
import { announce, listen, startRuntime } from './runtime'
import { forkWorkers, type Prepare, prepareForWorkers } from './workers'

/* How `npm run server` and `npm start` serve: one process, or with WEB_CONCURRENCY=N a primary
   that migrates and runs `prepare` once (the demo county, for npm start) and then N workers
   sharing the port (workers.ts). Nothing answers before `prepare` is done. */
export async function serve(config: ServerConfig, prepare?: Prepare): Promise<void> {
  if (config.workers === 1) {
    const runtime = await startRuntime(config)
    await prepare?.(runtime.database.db, runtime.storage)
    await listen(runtime, config)
    announce(runtime.database.dialect, config)
    return
  }
  if (cluster.isPrimary) {
    await prepareForWorkers(config, prepare)
    const pool = forkWorkers(config.workers)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void pool.stop().then(() => process.exit(0)))
    await pool.ready
    announce(isPostgresUrl(config.databaseUrl) ? 'postgres' : 'sqlite', config, config.workers)
    return
  }
  // A worker: the primary has migrated and prepared already.
  await listen(await startRuntime(config, { migrate: false }), config)
}
