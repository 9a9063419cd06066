import type { AddressInfo } from 'node:net'
import type { DialectName } from '../server/db/database'
import { seedId } from '../server/ids'
import { createBuyers, paidOrderOf, PICKUP_POINT } from '../support/order-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from '../support/test-app'
import { runBench, writeReport } from './report'

/* `npm run bench:county`: a county center's busy day over real HTTP against the real server, on
   SQLite and on PostgreSQL. BENCH_DAY_ORDERS (default 200) buyers' orders are paid (not timed);
   then, timed: each village's cun xiao'er reads the run and collects the village's parcels (one
   phone per village, the villages at once), county staff read the manifest and receive every
   parcel (BENCH_DESKS desks at once, default 4), read the orders on the shelf, and hand every
   order over on its typed code. Afterwards every order must be picked up exactly once, with one
   commission per line. Prints and writes bench/reports/county.md. */

const ORDERS = Number(process.env.BENCH_DAY_ORDERS ?? 200)
const DESKS = Number(process.env.BENCH_DESKS ?? 4)

interface Step {
  name: string
  seconds: number
  latencies: number[]
  failures: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/** Runs `work` over `jobs` with `lanes` callers at once, timing each call. */
async function timed<J>(name: string, jobs: J[], lanes: number, work: (job: J) => Promise<Response>): Promise<Step> {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(lanes, jobs.length) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]
        const sent = performance.now()
        const response = await work(job)
        const body = await response.text()
        latencies.push(performance.now() - sent)
        if (!response.ok && failures++ < 3) console.log(`${name}: ${response.status} ${body.slice(0, 300)}`)
      }
    }),
  )
  return { name, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), failures }
}

async function staffToken(t: TestApp, n: number): Promise<string> {
  const gao = await t.database.db.selectFrom('users').select('countyId').where('id', '=', seedId('usr', 'staff-gao')).executeTakeFirstOrThrow()
  const userId = seedId('usr', `bench-desk-${n}-${Math.random()}`)
  await t.database.db.insertInto('users').values({ id: userId, role: 'county_staff', name: `县小二 ${n}`, villageId: null, countyId: gao.countyId, farmerId: null, wechatOpenid: null, createdAt: new Date().toISOString() }).execute()
  return signInAs(t.app, '', userId)
}

async function run(dialect: DialectName): Promise<{ dialect: DialectName; parcels: number; steps: Step[]; problems: string[] }> {
  const t = await createTestApp(dialect, { logLevel: 'warn' })
  try {
    const db = t.database.db
    const live = await db.selectFrom('listings').select(['id']).where('status', '=', 'live').execute()
    await db.updateTable('listings').set({ stock: 1_000_000 }).where('status', '=', 'live').execute()
    const listingIds = live.map((l) => l.id)
    const buyers = await createBuyers(t, ORDERS, `bench-day-${dialect}`)
    const orders: { id: string; code: string; lines: number; parcels: { id: string; village: string; date: string }[] }[] = []
    for (let i = 0; i < ORDERS; i += 8) {
      const batch = buyers.slice(i, i + 8).map(async (token) => {
        const picked = [...listingIds].sort(() => Math.random() - 0.5).slice(0, 1 + Math.floor(Math.random() * 3))
        const order = await paidOrderOf(t, token, { lines: picked.map((listingId) => ({ listingId, quantity: 1 })), pickupPointId: PICKUP_POINT })
        orders.push({ id: order.id, code: order.pickupCode, lines: order.lines.length, parcels: order.parcels.map((p: any) => ({ id: p.id, village: p.village.id, date: p.collectionRunDate })) })
      })
      await Promise.all(batch)
    }
    const parcels = orders.flatMap((o) => o.parcels)
    const dates = [...new Set(parcels.map((p) => p.date))]
    const operators = await db.selectFrom('users').select(['id', 'villageId']).where('role', '=', 'operator').execute()
    const operatorOf = new Map(await Promise.all(operators.map(async (o) => [o.villageId!, await signInAs(t.app, '', o.id)] as const)))
    const desks = await Promise.all(Array.from({ length: DESKS }, (_, n) => staffToken(t, n)))

    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`
    const get = (token: string, url: string) => fetch(api + url, { headers: bearer(token) })
    const post = (token: string, url: string, body: object = {}) => fetch(api + url, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) })

    const villages = [...new Set(parcels.map((p) => p.village))]
    const steps: Step[] = []
    steps.push(await timed('GET /village/parcels (each village, each run date)', villages.flatMap((v) => dates.map((d) => [v, d])), villages.length, ([v, d]) => get(operatorOf.get(v)!, `/village/parcels?date=${d}`)))
    // One cun xiao'er per village, one parcel at a time; the villages at once.
    const collect = await Promise.all(villages.map((v) => timed('', parcels.filter((p) => p.village === v), 1, (p) => post(operatorOf.get(v)!, `/parcels/${p.id}/collect`))))
    steps.push({ name: 'POST /parcels/:id/collect (villages at once)', seconds: Math.max(...collect.map((s) => s.seconds)), latencies: collect.flatMap((s) => s.latencies).sort((a, b) => a - b), failures: collect.reduce((n, s) => n + s.failures, 0) })
    steps.push(await timed('GET /county/manifest (20 reads)', Array.from({ length: 20 }, (_, i) => dates[i % dates.length]), DESKS, (d) => get(desks[0], `/county/manifest?date=${d}`)))
    steps.push(await timed(`POST /parcels/:id/receive (${DESKS} desks)`, parcels, DESKS, (p) => post(desks[parcels.indexOf(p) % DESKS], `/parcels/${p.id}/receive`)))
    steps.push(await timed('GET /county/pickups (20 reads)', Array.from({ length: 20 }), DESKS, () => get(desks[0], '/county/pickups')))
    steps.push(await timed(`POST /pickups/verify, typed code (${DESKS} desks)`, orders, DESKS, (o) => post(desks[orders.indexOf(o) % DESKS], '/pickups/verify', { code: o.code })))

    const problems: string[] = []
    const notPickedUp = await db.selectFrom('orders').select('id').where('id', 'in', orders.map((o) => o.id)).where('status', '!=', 'picked_up').execute()
    if (notPickedUp.length > 0) problems.push(`${notPickedUp.length} orders not picked up`)
    const credits = await db.selectFrom('commissionEntries').select('orderId').where('orderId', 'in', orders.map((o) => o.id)).where('kind', '=', 'credit').execute()
    const lines = orders.reduce((n, o) => n + o.lines, 0)
    if (credits.length !== lines) problems.push(`${credits.length} commission credits for ${lines} lines`)
    for (const step of steps) if (step.failures > 0) problems.push(`${step.name}: ${step.failures} refused`)
    return { dialect, parcels: parcels.length, steps, problems }
  } finally {
    await t.close()
  }
}

async function main() {
  const report = [`# A county center's day (${new Date().toISOString()})`, '', `${ORDERS} paid orders of the demo county's live listings (1–3 lines each), over HTTP to one server process, ${process.arch}, Node ${process.version}.`, '']
  let failed = false
  for (const dialect of (process.env.BENCH_DB ? [process.env.BENCH_DB as DialectName] : DATABASES)) {
    const result = await run(dialect)
    failed ||= result.problems.length > 0
    report.push(`## ${dialect}: ${result.parcels} parcels — ${result.problems.length === 0 ? 'every order picked up once, one commission per line' : 'PROBLEMS: ' + result.problems.join('; ')}`, '')
    report.push('| step | calls | seconds | calls/s | p50 | p95 |', '|---|---|---|---|---|---|')
    for (const s of result.steps) {
      report.push(`| ${s.name} | ${s.latencies.length} | ${s.seconds.toFixed(2)} | ${(s.latencies.length / s.seconds).toFixed(0)} | ${percentile(s.latencies, 50).toFixed(1)} ms | ${percentile(s.latencies, 95).toFixed(1)} ms |`)
    }
    report.push('')
    console.log(report.slice(-result.steps.length - 5).join('\n'))
  }
  writeReport('county', report)
  return !failed
}

runBench(main)
