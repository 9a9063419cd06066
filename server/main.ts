import cluster from 'node:cluster'
import { readConfig } from './config'
import { announce, listen, startRuntime } from './runtime'
import { forkWorkers, prepareForWorkers } from './workers'

/* `npm run server`: migrate, then serve the API, the photos and the built H5 app; with
   WEB_CONCURRENCY=N, from N worker processes sharing the port (workers.ts). */
async function main() {
  const config = readConfig()
  if (config.workers === 1) {
    const runtime = await startRuntime(config)
    await listen(runtime, config)
    announce(runtime.database.dialect, config)
    return
  }
  if (cluster.isPrimary) {
    await prepareForWorkers(config)
    const pool = forkWorkers(config.workers)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void pool.stop().then(() => process.exit(0)))
    await pool.ready
    announce(/^postgres(ql)?:/.test(config.databaseUrl) ? 'postgres' : 'sqlite', config, config.workers)
    return
  }
  // A worker: the primary has migrated already.
  await listen(await startRuntime(config, { migrate: false }), config)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
