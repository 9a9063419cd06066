import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { Pool } from 'pg'
import { openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { seedId } from '../server/ids'
import { createLocalPhotoStorage } from '../server/storage/photo-storage'
import { seedDemoCountyKeepingPhotos } from '../support/kept-demo-photos'
import { listingId, orderBody } from '../support/order-fixtures'
import { TEST_PG_URL } from '../support/test-app'
import { startServerProcess } from '../support/server-process'
import { runBench, writeReport } from './report'

/* `npm run bench:scale`: `npm run server` on PostgreSQL with 1 and then 2 worker processes
   (WEB_CONCURRENCY), the same load on each, printed side by side: orders per second (POST
   /orders with an Idempotency-Key, 200 buyers) and catalog requests per second (GET
   /listings?limit=20). Each run has a fresh database. Writes bench/reports/scale.md. Tune with
   BENCH_SECONDS (per load, default 10), BENCH_CLIENTS (connections, default 32) and
   BENCH_WORKERS (default "1,2"). */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)
const BUYERS = 200
const EVERYDAY = ['oat-flour', 'millet', 'eggs']

interface Figures {
  workers: number
  ordersPerSecond: number
  orderP50: number
  orderP99: number
  orderFailures: number
  catalogPerSecond: number
  catalogP50: number
  catalogP99: number
  catalogFailures: number
}

async function run(workers: number): Promise<Figures> {
  const database = `bench_scale_${randomBytes(4).toString('hex')}`
  const admin = new Pool({ connectionString: TEST_PG_URL, max: 1 })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-bench-scale-'))
  await admin.query(`create database ${database}`)
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  const db = openDatabase(url.toString())
  try {
    await migrateToLatest(db.db)
    await seedDemoCountyKeepingPhotos({ db: db.db, storage: createLocalPhotoStorage(path.join(dataDir, 'photos')) })
    // Stock no run can sell out: this measures throughput, not refusals.
    for (const key of EVERYDAY) await db.db.updateTable('listings').set({ stock: 10_000_000 }).where('id', '=', listingId(key)).execute()
    const now = new Date().toISOString()
    const ids = Array.from({ length: BUYERS }, (_, i) => seedId('usr', `bench-scale-${i}`))
    await db.db.insertInto('users').values(ids.map((id, i) => ({ id, role: 'buyer' as const, name: `买家 ${i + 1}`, villageId: null, countyId: null, farmerId: null, wechatOpenid: null, createdAt: now }))).execute()

    const server = await startServerProcess({
      DATABASE_URL: url.toString(),
      WEB_CONCURRENCY: String(workers),
      XIANGJI_DATA_DIR: dataDir,
      XIANGJI_DEV_LOGIN: '1',
      XIANGJI_PICKUP_CODE_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    })
    try {
      const tokens: string[] = []
      for (const userId of ids) {
        const response = await fetch(`${server.api}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })
        tokens.push(((await response.json()) as { token: string }).token)
      }
      const origin = new URL(server.api).origin
      // Warm each worker's caches and connections before measuring.
      await autocannon({ url: `${origin}/api/v1/listings?limit=20`, connections: CLIENTS, duration: 2 })
      const catalog = await autocannon({ url: `${origin}/api/v1/listings?limit=20`, connections: CLIENTS, duration: SECONDS })
      let n = 0
      const orders = await autocannon({
        url: origin,
        connections: CLIENTS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/orders',
            setupRequest: (request) => {
              const i = n++
              return {
                ...request,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % BUYERS]}`, 'idempotency-key': `scale-${workers}-${i}` },
                body: JSON.stringify(orderBody([[EVERYDAY[i % EVERYDAY.length], 1]])),
              }
            },
          },
        ],
      })
      if (server.exited()) throw new Error(`the server ended: ${server.lastWords()}`)
      return {
        workers,
        ordersPerSecond: orders['2xx'] / SECONDS,
        orderP50: orders.latency.p50,
        orderP99: orders.latency.p99,
        orderFailures: orders.non2xx + orders.errors + orders.timeouts,
        catalogPerSecond: catalog['2xx'] / SECONDS,
        catalogP50: catalog.latency.p50,
        catalogP99: catalog.latency.p99,
        catalogFailures: catalog.non2xx + catalog.errors + catalog.timeouts,
      }
    } finally {
      await server.stop()
    }
  } finally {
    await db.close()
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

runBench(async () => {
  const results: Figures[] = []
  for (const workers of WORKERS) {
    console.log(`${workers} worker process${workers > 1 ? 'es' : ''}…`)
    results.push(await run(workers))
  }
  const cell = (f: (r: Figures) => string) => results.map(f).join(' | ')
  const lines = [
    '# Scale-out: worker processes on one PostgreSQL',
    '',
    `${new Date().toISOString()}, ${os.cpus().length} CPU cores, Node ${process.version}; ${CLIENTS} connections, ${SECONDS} s per load (autocannon).`,
    '',
    `| | ${cell((r) => `${r.workers} worker${r.workers > 1 ? 's' : ''}`)} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    `| orders/s (POST /orders) | ${cell((r) => r.ordersPerSecond.toFixed(0))} |`,
    `| order latency p50 / p99 ms | ${cell((r) => `${r.orderP50} / ${r.orderP99}`)} |`,
    `| catalog requests/s (GET /listings?limit=20) | ${cell((r) => r.catalogPerSecond.toFixed(0))} |`,
    `| catalog latency p50 / p99 ms | ${cell((r) => `${r.catalogP50} / ${r.catalogP99}`)} |`,
    `| failed requests (orders, catalog) | ${cell((r) => `${r.orderFailures}, ${r.catalogFailures}`)} |`,
    '',
  ]
  console.log(lines.join('\n'))
  writeReport('scale', lines)
  return results.every((r) => r.orderFailures === 0 && r.catalogFailures === 0)
})
