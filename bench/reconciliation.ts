import type { DialectName } from '../server/db/database'
import { seedId } from '../server/ids'
import { generateLedgerMonth } from '../support/ledger-month'
import { bearer, createTestApp, DATABASES, signInAs } from '../support/test-app'
import { runBench, writeReport } from './report'

/* `npm run bench:reconciliation`: the county's monthly reconciliation over a generated month of
   BENCH_MONTH_ORDERS orders (default 5,000) of the demo county, with their ledger (orderLedger)
   and a payout run, on SQLite (a file in a temp folder) and on PostgreSQL (a schema of its own,
   dropped afterwards). Timed: GET /county/reconciliation as JSON and as CSV, BENCH_ROUNDS times
   each (default 10) after one untimed call, in process. Every answer must balance to the fen.
   Prints and writes bench/reports/reconciliation.md. */

const ORDERS = Number(process.env.BENCH_MONTH_ORDERS ?? 5000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const MONTH = '2026-03'

interface Timing {
  what: string
  ms: number[]
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]

async function run(dialect: DialectName) {
  const t = await createTestApp(dialect, { logLevel: 'warn' })
  try {
    const started = performance.now()
    const generated = await generateLedgerMonth(t.database.db, { countyId: seedId('cty', 'horinger'), month: MONTH, orders: ORDERS })
    const generateSeconds = (performance.now() - started) / 1000
    const entries = await t.database.db.selectFrom('ledgerEntries').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
    const staff = await signInAs(t.app, 'staff-gao')
    const problems: string[] = []
    const timings: Timing[] = []
    for (const format of ['json', 'csv'] as const) {
      const url = `/api/v1/county/reconciliation?month=${MONTH}&format=${format}`
      const ms: number[] = []
      for (let round = 0; round <= ROUNDS; round++) {
        const sent = performance.now()
        const response = await t.app.inject({ method: 'GET', url, headers: bearer(staff) })
        const took = performance.now() - sent
        if (round > 0) ms.push(took)
        if (response.statusCode !== 200) problems.push(`${format}: ${response.statusCode}`)
        if (format === 'json' && round === 0) {
          const r = response.json()
          const unbalanced = [...r.lines, r.totals].filter((l: { differenceFen: number }) => l.differenceFen !== 0)
          if (unbalanced.length > 0) problems.push(`unbalanced: ${unbalanced.map((l: { villageName: string }) => l.villageName).join(', ')}`)
          if (r.totals.receivedFen !== generated.receivedFen || r.totals.orderCount !== generated.orders) problems.push('totals differ from the generated orders')
        }
      }
      timings.push({ what: format === 'json' ? 'JSON' : 'CSV', ms: ms.sort((a, b) => a - b) })
    }
    return { dialect, generated, entries: Number(entries.n), generateSeconds, timings, problems }
  } finally {
    await t.close()
  }
}

async function main() {
  const report = [`# The county's monthly reconciliation (${new Date().toISOString()})`, '', `A generated month of ${ORDERS} orders of the demo county with their ledger and a payout run; ${ROUNDS} timed calls each, in process, ${process.arch}, Node ${process.version}.`, '']
  let failed = false
  for (const dialect of process.env.BENCH_DB ? [process.env.BENCH_DB as DialectName] : DATABASES) {
    const r = await run(dialect)
    failed ||= r.problems.length > 0
    report.push(
      `## ${dialect}: ${r.generated.orders} orders, ${r.entries} ledger entries, ${r.generated.payees} payouts (generated in ${r.generateSeconds.toFixed(1)} s) — ${r.problems.length === 0 ? 'every village balances to the fen' : 'PROBLEMS: ' + r.problems.join('; ')}`,
      '',
      '| answer | median | max |',
      '|---|---|---|',
      ...r.timings.map((timing) => `| ${timing.what} | ${median(timing.ms).toFixed(1)} ms | ${timing.ms[timing.ms.length - 1].toFixed(1)} ms |`),
      '',
    )
    console.log(report.slice(-r.timings.length - 5).join('\n'))
  }
  writeReport('reconciliation', report)
  return !failed
}

runBench(main)
