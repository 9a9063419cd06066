import { sql, type Insertable, type Kysely } from 'kysely'
import { chinaInstant, chinaMonth, type ChinaMonth } from '../src/domain/china-time'
import { balances, payoutPaid, payoutSent, type Posting } from '../src/domain/ledger'
import { orderLedger, type KeyedPosting, type OrderMoneyFacts } from '../src/domain/order-ledger'
import type { OrderStatus } from '../src/domain/order-status'
import { payoutAmountFen } from '../src/domain/settlement'
import type { DB } from '../server/db/schema'
import { randomOrderFacts, type OrderFate, type RandomCounty, type RandomOrder } from './random-orders'

/* A county's month of generated orders for the reconciliation's test and benchmark: orders and
   their lines as rows, their money as the ledger writes it (orderLedger from each order's facts,
   so the entries are the real ledger code's), and a payout run paid out near the month's end.
   Inserted in bulk in one transaction: 5,000 orders take a few seconds, not minutes. */

export interface GeneratedMonth {
  orders: number
  /** What the buyers paid for the month's orders, and what went back to them in the month. */
  receivedFen: number
  refundsFen: number
  payoutsFen: number
  payees: number
}

/** A small seeded random (mulberry32): the same month every run. */
function seededRandom(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const STATUS_OF: Record<OrderFate, OrderStatus> = { open: 'paid', cancelled: 'cancelled', picked_up: 'picked_up', settled: 'picked_up', refunded_after_pickup: 'picked_up', refunded_after_settlement: 'picked_up' }
const FATES: OrderFate[] = ['settled', 'settled', 'settled', 'settled', 'settled', 'settled', 'picked_up', 'open', 'cancelled', 'refunded_after_pickup', 'refunded_after_settlement']

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

export async function generateLedgerMonth(db: Kysely<DB>, options: { countyId: string; month: ChinaMonth; orders: number; seed?: number; prefix?: string }): Promise<GeneratedMonth> {
  const { countyId, month } = options
  const prefix = options.prefix ?? 'gen'
  const random = seededRandom(options.seed ?? 13)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]

  const [listings, operators, buyer, point, clerk, county] = await Promise.all([
    db.selectFrom('listings').select(['id', 'farmerId', 'villageId', 'title', 'unit', 'unitWeightGrams']).where('countyId', '=', countyId).orderBy('id').execute(),
    db.selectFrom('users').innerJoin('villages', 'villages.id', 'users.villageId').select(['users.id', 'users.villageId']).where('users.role', '=', 'operator').where('villages.countyId', '=', countyId).execute(),
    db.selectFrom('users').select('id').where('role', '=', 'buyer').orderBy('id').executeTakeFirstOrThrow(),
    db.selectFrom('pickupPoints').select('id').where('countyId', '=', countyId).executeTakeFirstOrThrow(),
    db.selectFrom('users').select('id').where('role', '=', 'county_staff').where('countyId', '=', countyId).orderBy('id').executeTakeFirstOrThrow(),
    db.selectFrom('counties').select('commissionRateBp').where('id', '=', countyId).executeTakeFirstOrThrow(),
  ])
  const operatorOf = new Map(operators.map((o) => [o.villageId!, o.id]))
  const sellable = listings.filter((l) => operatorOf.has(l.villageId))
  const farmerIds = [...new Set(sellable.map((l) => l.farmerId))]
  const listingsOf = new Map(farmerIds.map((f) => [f, sellable.filter((l) => l.farmerId === f)]))
  const start = chinaInstant(`${month}-01`, 0).getTime()
  const randomCounty: RandomCounty = {
    countyId,
    farmers: farmerIds.map((id) => ({ id, operatorId: operatorOf.get(sellable.find((l) => l.farmerId === id)!.villageId)! })),
    rateBp: county.commissionRateBp,
    start,
  }

  const orderRows: Insertable<DB['orders']>[] = []
  const lineRows: DB['orderLines'][] = []
  const postings: Array<{ posting: KeyedPosting | (Posting & { key: string; at: string }); orderId?: string; payoutId?: string }> = []
  const allFacts: OrderMoneyFacts[] = []
  for (let i = 0; i < options.orders; i++) {
    const orderId = `ord_${prefix}${String(i).padStart(6, '0')}`
    const o: RandomOrder = {
      lines: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ farmer: Math.floor(random() * farmerIds.length), fen: 100 + Math.floor(random() * 20_000) })),
      shippingFen: Math.floor(random() * 3000),
      capFen: pick([0, 500, 1000, 2000]),
      // Paid in the month's first 25 days, so most of each order's life is in the month.
      paidHour: Math.floor(random() * 25 * 24),
      fate: pick(FATES),
      cases: random() < 0.1 ? [{ line: Math.floor(random() * 3), share: 1 + Math.floor(random() * 100), transport: random() < 0.3 }] : [],
    }
    const facts = randomOrderFacts(orderId, o, randomCounty)
    allFacts.push(facts)
    const paidAt = facts.paidAt!
    orderRows.push({
      id: orderId,
      buyerId: buyer.id,
      countyId,
      pickupPointId: point.id,
      status: STATUS_OF[o.fate],
      subtotalFen: facts.lines.reduce((s, l) => s + l.lineTotalFen, 0),
      shippingFen: facts.shippingFen,
      subsidyFen: facts.subsidyFen,
      totalFen: facts.totalFen,
      commissionRateBp: county.commissionRateBp,
      pickupCodeHash: null,
      pickupCodeSealed: null,
      number: null,
      createdAt: paidAt,
      expiresAt: paidAt,
      paidAt,
      endedAt: null,
      updatedAt: paidAt,
      settledAt: facts.settledAt,
      ledgerAt: paidAt,
    })
    for (const line of facts.lines) {
      const listing = pick(listingsOf.get(line.farmerId)!)
      lineRows.push({ orderId, position: line.position, listingId: listing.id, farmerId: line.farmerId, title: listing.title, unit: listing.unit, quantity: 1, unitPriceFen: line.lineTotalFen, lineTotalFen: line.lineTotalFen, commissionFen: 0, weightGrams: listing.unitWeightGrams })
    }
    for (const posting of orderLedger(facts)) postings.push({ posting, orderId })
  }

  // One run on the 28th pays everyone owed at that moment, by the ledger's own payout postings.
  const runAt = new Date(start + 27 * 24 * 3600_000).toISOString()
  const owed = balances(postings.filter((p) => p.posting.at < runAt).flatMap((p) => p.posting.entries))
  const runId = `pru_${prefix}`
  const payoutRows: Insertable<DB['payouts']>[] = []
  for (const [key, fen] of owed) {
    const [account, payeeId] = key.split(':')
    if (account !== 'farmer_payable' && account !== 'operator_payable') continue
    const amountFen = payoutAmountFen(fen)
    if (amountFen === 0) continue
    const payeeKind = account === 'farmer_payable' ? 'farmer' : 'operator'
    const id = `pay_${prefix}${String(payoutRows.length).padStart(4, '0')}`
    payoutRows.push({ id, runId, countyId, payeeKind, payeeId, amountFen, status: 'paid', method: 'offline', outBillNo: `${prefix}${id}`, transferBillNo: null, packageInfo: null, failReason: null, offlineReference: '生成', recordedBy: clerk.id, approvedBy: clerk.id, attempts: 0, lastError: null, createdAt: runAt, updatedAt: runAt, endedAt: runAt })
    for (const posting of [payoutSent({ payeeKind, payeeId, amountFen }), payoutPaid({ payeeKind, payeeId, amountFen })]) {
      postings.push({ posting: { ...posting, key: `payout:${id}:${posting.event}`, at: runAt }, payoutId: id })
    }
  }

  await db.transaction().execute(async (tx) => {
    await insertChunked(orderRows, 500, (chunk) => tx.insertInto('orders').values(chunk).execute())
    await insertChunked(lineRows, 1000, (chunk) => tx.insertInto('orderLines').values(chunk).execute())
    if (payoutRows.length > 0) {
      const total = payoutRows.reduce((s, p) => s + p.amountFen, 0)
      await tx.insertInto('payoutRuns').values({ id: runId, countyId, status: 'approved', totalFen: total, payeeCount: payoutRows.length, createdBy: clerk.id, decidedBy: clerk.id, decidedAt: runAt, createdAt: runAt, updatedAt: runAt }).execute()
      await insertChunked(payoutRows, 500, (chunk) => tx.insertInto('payouts').values(chunk).execute())
    }
    // As writePosting writes them (server/services/ledger/postings.ts), in bulk.
    const postingRows = postings.map((p, n) => ({ id: `lpo_${prefix}${String(n).padStart(7, '0')}`, key: p.posting.key, event: p.posting.event, countyId, orderId: p.orderId ?? null, payoutId: p.payoutId ?? null, at: p.posting.at, createdAt: p.posting.at }))
    await insertChunked(postingRows, 1000, (chunk) => tx.insertInto('ledgerPostings').values(chunk).execute())
    const entryRows = postings.flatMap((p, n) => p.posting.entries.map((e, line) => ({ postingId: postingRows[n].id, line, account: e.account, holderId: e.holderId, amountFen: e.amountFen, countyId, at: p.posting.at })))
    await insertChunked(entryRows, 1000, (chunk) => tx.insertInto('ledgerEntries').values(chunk).execute())
  })

  // What autovacuum (PostgreSQL) or a periodic ANALYZE would know of tables this size: planned
  // without statistics, a query over a fresh bulk load walks every row by index.
  await sql`analyze`.execute(db)

  const inMonth = (at: string) => chinaMonth(at) === month
  return {
    orders: allFacts.filter((f) => inMonth(f.paidAt!)).length,
    receivedFen: allFacts.filter((f) => inMonth(f.paidAt!)).reduce((s, f) => s + f.totalFen, 0),
    refundsFen: allFacts.flatMap((f) => f.refunds).filter((r) => inMonth(r.at)).reduce((s, r) => s + r.amountFen, 0),
    payoutsFen: payoutRows.reduce((s, p) => s + p.amountFen, 0),
    payees: payoutRows.length,
  }
}
