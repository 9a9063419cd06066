import type { AddressInfo } from 'node:net'
import type { DialectName } from '../server/db/database'
import { createBuyers, listingId, orderBody, setStock } from '../support/order-fixtures'
import { createTestApp, DATABASES, type TestApp } from '../support/test-app'
import { runBench, writeReport } from './report'

/* `npm run bench:orders`: many buyers placing orders at once over real HTTP against the real
   server, on SQLite and on PostgreSQL, more of them than there is stock. Afterwards every
   listing's stock plus what the orders took must equal what it started with, and no stock may
   be negative. Prints and writes bench/reports/orders.md: orders per second and latency.
   Tune with BENCH_CLIENTS (concurrent clients, default 32) and BENCH_REQUESTS (default 2000). */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const BUYERS = 200
// Hot items every buyer wants (they sell out mid-run) and plenty of everyday ones.
const STOCK: Record<string, number> = { 'lamb-whole': 40, 'lamb-leg': 150, 'milk-skin': 400, 'oat-flour': 5000, millet: 5000, eggs: 20000 }
const KEYS = Object.keys(STOCK)

interface Result {
  dialect: DialectName
  seconds: number
  created: number
  outOfStock: number
  other: number
  latencies: number[]
  consistent: boolean
  problems: string[]
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

const HOT = ['lamb-whole', 'lamb-leg', 'milk-skin']
const EVERYDAY = KEYS.filter((key) => !HOT.includes(key))

/** 1–3 lines; one order in four also wants a hot item. */
function randomLines(): [string, number][] {
  const count = 1 + Math.floor(Math.random() * 2)
  const picked = [...EVERYDAY].sort(() => Math.random() - 0.5).slice(0, count)
  if (Math.random() < 0.25) picked.push(HOT[Math.floor(Math.random() * HOT.length)])
  return picked.map((key) => [key, 1 + Math.floor(Math.random() * 3)])
}

async function run(dialect: DialectName): Promise<Result> {
  const t: TestApp = await createTestApp(dialect, { logLevel: 'warn' })
  try {
    for (const [key, stock] of Object.entries(STOCK)) await setStock(t, key, stock)
    const tokens = await createBuyers(t, BUYERS, `bench-${dialect}`)
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/orders`

    const latencies: number[] = []
    let created = 0
    let outOfStock = 0
    let other = 0
    let next = 0
    const otherCodes = new Map<string, number>()
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < REQUESTS) {
          const n = next++
          const sent = performance.now()
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % BUYERS]}`, 'idempotency-key': `bench-${dialect}-${n}` },
            body: JSON.stringify(orderBody(randomLines())),
          })
          const body = (await response.json()) as { error?: { code: string } }
          latencies.push(performance.now() - sent)
          if (response.status === 201) created++
          else if (body.error?.code === 'OUT_OF_STOCK') outOfStock++
          else {
            other++
            otherCodes.set(`${response.status} ${body.error?.code}`, (otherCodes.get(`${response.status} ${body.error?.code}`) ?? 0) + 1)
          }
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    if (otherCodes.size > 0) console.log(`${dialect}: unexpected answers`, Object.fromEntries(otherCodes))

    const problems: string[] = []
    for (const [key, initial] of Object.entries(STOCK)) {
      const row = await t.database.db.selectFrom('listings').select('stock').where('id', '=', listingId(key)).executeTakeFirstOrThrow()
      const taken = await t.database.db.selectFrom('orderLines').select((eb) => eb.fn.sum<number | string>('quantity').as('sum')).where('listingId', '=', listingId(key)).executeTakeFirstOrThrow()
      const ordered = Number(taken.sum ?? 0)
      if (row.stock < 0) problems.push(`${key}: stock ${row.stock} < 0`)
      if (row.stock + ordered !== initial) problems.push(`${key}: ${row.stock} left + ${ordered} ordered ≠ ${initial}`)
    }
    return { dialect, seconds, created, outOfStock, other, latencies: latencies.sort((a, b) => a - b), consistent: problems.length === 0, problems }
  } finally {
    await t.close()
  }
}

async function main() {
  const results: Result[] = []
  for (const dialect of DATABASES) {
    const result = await run(dialect)
    results.push(result)
    const l = result.latencies
    console.log(
      `${dialect}: ${result.created} orders, ${result.outOfStock} out of stock, ${result.other} other in ${result.seconds.toFixed(1)} s → ${(REQUESTS / result.seconds).toFixed(0)} requests/s, ${(result.created / result.seconds).toFixed(0)} orders/s; p50 ${percentile(l, 50).toFixed(1)} ms, p95 ${percentile(l, 95).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms; ${result.consistent ? 'nothing oversold' : 'OVERSOLD: ' + result.problems.join('; ')}`,
    )
  }
  const lines = [
    `# Orders benchmark (${new Date().toISOString()})`,
    '',
    `${REQUESTS} POST /orders over HTTP from ${CLIENTS} concurrent clients as ${BUYERS} buyers, 1–3 lines each, against stock that runs out for the hot items. One server process, ${process.arch}, Node ${process.version}.`,
    '',
    '| database | placed | out of stock | other | requests/s | orders/s | p50 | p95 | p99 | stock check |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const l = r.latencies
      return `| ${r.dialect} | ${r.created} | ${r.outOfStock} | ${r.other} | ${(REQUESTS / r.seconds).toFixed(0)} | ${(r.created / r.seconds).toFixed(0)} | ${percentile(l, 50).toFixed(1)} ms | ${percentile(l, 95).toFixed(1)} ms | ${percentile(l, 99).toFixed(1)} ms | ${r.consistent ? 'nothing oversold' : 'OVERSOLD'} |`
    }),
    '',
  ]
  writeReport('orders', lines)
  return results.every((r) => r.consistent && r.other === 0)
}

runBench(main)
