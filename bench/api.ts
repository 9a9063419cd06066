import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execSync } from 'node:child_process'
import { sql } from 'kysely'
import { Pool } from 'pg'
import type { DialectName } from '../server/db/database'
import { openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { seedId } from '../server/ids'
import { createLocalPhotoStorage } from '../server/storage/photo-storage'
import { seedDemoCountyKeepingPhotos } from '../support/kept-demo-photos'
import { DATABASES, TEST_PG_URL } from '../support/test-app'
import { openFloorStore } from './floor/order-store'
import { CONNECTIONS, medianRound, orderRound, type OrderRequest, readRound, ROUNDS, type Round, SECONDS } from './load'
import { type BenchProcess, startProcess } from './processes'
import { runBench, writeReport } from './report'

/* `npm run bench:api`: the project server against a floor in the same run, on SQLite and on
   PostgreSQL. The floor is bare Fastify doing the least that gives the same answer: the catalog
   page and a listing's bytes from memory (bench/floor/catalog.ts), and the minimal correct order
   transaction with the same durability (bench/floor/orders.ts). Each runs as a process of its
   own; autocannon drives both with 20 connections for ROUNDS rounds (median). Prints the
   project's share of the floor and writes bench/reports/api.md. A run fails when an order was
   oversold or an answer was neither 2xx nor a sold-out refusal.
   BENCH_SECONDS (default 5) and BENCH_ROUNDS (default 3) tune it; BENCH_DATABASES (sqlite,postgres)
   and BENCH_ANSWERS (catalog,listing,orders) pick what runs; BENCH_PROFILE_DIR writes a CPU profile
   of the project server there (node --cpu-prof), to open in Chrome DevTools or speedscope. */

const BUYERS = 500
const ANSWERS = new Set((process.env.BENCH_ANSWERS ?? 'catalog,listing,orders').split(','))
const RUN_DATABASES = DATABASES.filter((d) => (process.env.BENCH_DATABASES ?? DATABASES.join(',')).split(',').includes(d))
const PROFILE = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`] : []
// Everyday items with plenty of stock, and hot ones that sell out mid-run.
const STOCK: Record<string, number> = { 'lamb-whole': 60, 'milk-skin': 300, 'oat-flour': 1_000_000, millet: 1_000_000, eggs: 1_000_000 }
const HOT = ['lamb-whole', 'milk-skin']
const EVERYDAY = ['oat-flour', 'millet', 'eggs']
const PICKUP_POINT = seedId('pup', 'horinger-center')
const listingId = (key: string) => seedId('lst', key)
const DETAIL = listingId('millet')

interface Measure {
  name: string
  project: Round
  floor: Round
  target: string
  met: boolean
}

interface Result {
  dialect: DialectName
  measures: Measure[]
  oversold: string[]
}

let requestNumber = 0
function orderRequest(tokens: string[], tag: string): OrderRequest {
  const n = requestNumber++
  const count = 1 + (n % 2)
  const keys = EVERYDAY.slice(n % EVERYDAY.length).concat(EVERYDAY).slice(0, count)
  if (n % 4 === 0) keys.push(HOT[n % HOT.length])
  return {
    headers: { authorization: `Bearer ${tokens[n % tokens.length]}`, 'idempotency-key': `${tag}-${n}` },
    body: JSON.stringify({ lines: keys.map((key, i) => ({ listingId: listingId(key), quantity: 1 + ((n + i) % 3) })), pickupPointId: PICKUP_POINT }),
  }
}

/** A fresh database: a SQLite file in `dir`, or a PostgreSQL database of its own. */
async function freshDatabase(dialect: DialectName, dir: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { url: path.join(dir, `${name}.db`), drop: async () => {} }
  const admin = new Pool({ connectionString: TEST_PG_URL, max: 1 })
  const database = `bench_${name}_${randomBytes(4).toString('hex')}`
  await admin.query(`create database ${database}`)
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${database} with (force)`)
      await admin.end()
    },
  }
}

async function prepareProject(url: string, dataDir: string): Promise<void> {
  const database = openDatabase(url)
  try {
    await migrateToLatest(database.db)
    await seedDemoCountyKeepingPhotos({ db: database.db, storage: createLocalPhotoStorage(path.join(dataDir, 'photos')) })
    for (const [key, stock] of Object.entries(STOCK)) await database.db.updateTable('listings').set({ stock }).where('id', '=', listingId(key)).execute()
    const now = new Date().toISOString()
    const users = Array.from({ length: BUYERS }, (_, i) => ({ id: seedId('usr', `bench-buyer-${i}`), role: 'buyer' as const, name: `买家 ${i + 1}`, villageId: null, countyId: null, farmerId: null, wechatOpenid: null, createdAt: now }))
    for (let i = 0; i < users.length; i += 100) await database.db.insertInto('users').values(users.slice(i, i + 100)).execute()
  } finally {
    await database.close()
  }
}

async function projectOversold(url: string): Promise<string[]> {
  const database = openDatabase(url)
  try {
    const problems: string[] = []
    for (const [key, initial] of Object.entries(STOCK)) {
      const row = await database.db.selectFrom('listings').select('stock').where('id', '=', listingId(key)).executeTakeFirstOrThrow()
      const taken = await database.db.selectFrom('orderLines').select((eb) => eb.fn.sum<number | string>('quantity').as('sum')).where('listingId', '=', listingId(key)).executeTakeFirstOrThrow()
      if (row.stock < 0 || row.stock + Number(taken.sum ?? 0) !== initial) problems.push(`project ${key}: ${row.stock} left + ${taken.sum} ordered ≠ ${initial}`)
    }
    return problems
  } finally {
    await database.close()
  }
}

async function floorOversold(url: string): Promise<string[]> {
  const store = await openFloorStore(url)
  try {
    return (await store.stockAndTaken()).filter((row) => row.stock < 0 || row.stock + row.taken !== STOCK[Object.keys(STOCK).find((key) => listingId(key) === row.id)!]).map((row) => `floor ${row.id}: ${row.stock} left + ${row.taken} ordered`)
  } finally {
    await store.close()
  }
}

async function prepareFloor(url: string): Promise<void> {
  const store = await openFloorStore(url)
  await store.close()
  const database = openDatabase(url)
  try {
    // The floor's own table, written with the project's driver only to fill it.
    for (const [key, stock] of Object.entries(STOCK)) await sql`insert into listings (id, price_fen, stock) values (${listingId(key)}, ${1000}, ${stock})`.execute(database.db)
  } finally {
    await database.close()
  }
}

async function signIn(api: string): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < BUYERS; i++) {
    const response = await fetch(`${api}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: seedId('usr', `bench-buyer-${i}`) }) })
    if (!response.ok) throw new Error(`dev sign-in failed: ${await response.text()}`)
    tokens.push(((await response.json()) as { token: string }).token)
  }
  return tokens
}

/** Alternates project and floor round by round, so a burst of outside load hits both alike. */
async function compare(rounds: (side: 'project' | 'floor') => Promise<Round>): Promise<{ project: Round; floor: Round }> {
  const project: Round[] = []
  const floor: Round[] = []
  for (let i = 0; i < ROUNDS; i++) {
    project.push(await rounds('project'))
    floor.push(await rounds('floor'))
  }
  return { project: medianRound(project), floor: medianRound(floor) }
}

async function run(dialect: DialectName): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-bench-api-'))
  const projectDb = await freshDatabase(dialect, dir, 'project')
  const floorDb = await freshDatabase(dialect, dir, 'floor')
  const running: BenchProcess[] = []
  try {
    await prepareProject(projectDb.url, dir)
    await prepareFloor(floorDb.url)
    const server = await startProcess(
      'server/main.ts',
      { DATABASE_URL: projectDb.url, XIANGJI_DATA_DIR: dir, XIANGJI_DEV_LOGIN: '1', LOG_LEVEL: 'warn', XIANGJI_PICKUP_CODE_SECRET: randomBytes(32).toString('hex'), XIANGJI_H5_DIR: path.join(dir, 'no-h5') },
      'Xiangji is running at',
      PROFILE,
    )
    running.push(server)
    const api = `${server.url}/api/v1`
    const tokens = await signIn(api)

    const catalogPath = '/api/v1/listings?limit=20'
    const detailPath = `/api/v1/listings/${DETAIL}`
    const pages: Record<string, string> = {}
    for (const page of [catalogPath, detailPath]) pages[page] = await (await fetch(server.url + page)).text()
    fs.writeFileSync(path.join(dir, 'pages.json'), JSON.stringify(pages))
    const floorReads = await startProcess('bench/floor/catalog.ts', { FLOOR_PAGES: path.join(dir, 'pages.json') }, 'FLOOR LISTENING')
    running.push(floorReads)
    const floorOrders = await startProcess('bench/floor/orders.ts', { FLOOR_DATABASE: floorDb.url }, 'FLOOR LISTENING')
    running.push(floorOrders)

    const base = { project: server.url, floor: floorReads.url }
    const share = (m: { project: Round; floor: Round }) => m.project.perSecond / m.floor.perSecond
    const measures: Measure[] = []
    if (ANSWERS.has('catalog')) {
      const catalog = await compare((side) => readRound(base[side] + catalogPath))
      measures.push({ name: 'catalog page (GET /listings?limit=20)', ...catalog, target: '≥ 50 % of the floor', met: share(catalog) >= 0.5 })
    }
    if (ANSWERS.has('listing')) {
      const detail = await compare((side) => readRound(base[side] + detailPath))
      measures.push({ name: 'listing detail (GET /listings/:id)', ...detail, target: '≥ 50 % of the floor', met: share(detail) >= 0.5 })
    }
    if (ANSWERS.has('orders')) {
      const orders = await compare((side) => orderRound(`${side === 'project' ? server.url : floorOrders.url}/api/v1/orders`, () => orderRequest(tokens, `${side}-${dialect}`)))
      measures.push(
        dialect === 'sqlite'
          ? { name: 'order placement (POST /orders)', ...orders, target: '≥ 30 % of the floor', met: share(orders) >= 0.3 }
          : { name: 'order placement (POST /orders)', ...orders, target: '≥ 500 orders/s, p99 < 200 ms', met: orders.project.perSecond >= 500 && orders.project.p99 < 200 },
      )
    }
    for (const process of running.splice(0)) await process.stop()
    const oversold = [...(await projectOversold(projectDb.url)), ...(await floorOversold(floorDb.url))]
    return { dialect, measures, oversold }
  } finally {
    for (const process of running) await process.stop()
    await projectDb.drop()
    await floorDb.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const percent = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`

async function main() {
  const load = os.loadavg().map((n) => n.toFixed(2)).join(' ')
  const commit = execSync('git rev-parse --short HEAD 2>/dev/null || true').toString().trim()
  const results: Result[] = []
  for (const dialect of RUN_DATABASES) {
    const result = await run(dialect)
    results.push(result)
    for (const m of result.measures) {
      console.log(`${dialect} ${m.name}: ${m.project.perSecond.toFixed(0)}/s (p99 ${m.project.p99} ms) vs floor ${m.floor.perSecond.toFixed(0)}/s = ${percent(m.project.perSecond, m.floor.perSecond)}; target ${m.target}: ${m.met ? 'met' : 'NOT met'}`)
      if (m.project.other + m.floor.other > 0) console.log(`  unexpected answers: project ${JSON.stringify(m.project.otherCodes)}, floor ${JSON.stringify(m.floor.otherCodes)}`)
    }
    if (result.oversold.length) console.log(`${dialect}: OVERSOLD ${result.oversold.join('; ')}`)
  }
  const lines = [
    `# API benchmark against the floor (${new Date().toISOString()})`,
    '',
    `Project server and floor servers as separate processes; autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, median round. ${os.cpus().length} cores, Node ${process.version}, load average at start ${load}${commit ? `, commit ${commit}` : ''}.`,
    '',
    '| database | answer | project /s | project p50 / p99 | floor /s | share of floor | target | sold out | other non-2xx |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) =>
      r.measures.map((m) => `| ${r.dialect} | ${m.name} | ${m.project.perSecond.toFixed(0)} | ${m.project.p50} / ${m.project.p99} ms | ${m.floor.perSecond.toFixed(0)} | ${percent(m.project.perSecond, m.floor.perSecond)} | ${m.target}: ${m.met ? 'met' : '**not met**'} | ${m.project.soldOut} | ${m.project.other + m.floor.other} |`),
    ),
    '',
    ...results.map((r) => `${r.dialect}: ${r.oversold.length ? `OVERSOLD: ${r.oversold.join('; ')}` : 'nothing oversold (project and floor)'}.`),
    '',
  ]
  writeReport('api', lines)
  return results.every((r) => r.oversold.length === 0 && r.measures.every((m) => m.project.other + m.floor.other === 0))
}

runBench(main)
