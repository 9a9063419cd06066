import type { Kysely } from 'kysely'
import { addChinaMonths, isChinaDate } from '../../../src/domain/china-time'
import { handInDeadline, isSaleStanding, saleLineState } from '../../../src/domain/farmer-sales'
import type { OrderStatus } from '../../../src/domain/order-status'
import type { ParcelStatus } from '../../../src/domain/parcel-status'
import type { Unit } from '../../../src/domain/units'
import type { DB } from '../../db/schema'
import { notFound, validationFailed } from '../service-error'
import type { PhotoStorage } from '../../storage/photo-storage'
import { type CaseView, casesOfLines } from '../after-sale/cases'
import type { SaleLine, SaleTotals, SalesRun, SalesView } from '../../contract/sales'

/* What a farmer sold, run by run: what to hand in, where and by when, and where each line went
   after. Read by the farmer herself and by her village's cun xiao'er (for farmers without a
   phone). Buyers stay private: nothing here is read from the buyer, not even an id; the order's
   short number is enough to talk about an order with the cun xiao'er. */

export const RUNS_PER_PAGE = 10

type LineRow = Omit<SaleLine, 'status' | 'reason' | 'cases'> & { listingId: string; runDate: string; parcelStatus: ParcelStatus; orderStatus: OrderStatus; refunded: boolean }

const noTotals = (): SaleTotals => ({ lineCount: 0, weightGrams: 0, amountFen: 0 })
function add(totals: SaleTotals, line: SaleLine): void {
  if (!isSaleStanding(line.status)) return
  totals.lineCount++
  totals.weightGrams += line.weightGrams
  totals.amountFen += line.lineTotalFen
}

/** The farmer's sales, newest run first; `run` alone, or the runs before `cursor`. */
export async function farmerSales(deps: { db: Kysely<DB>; storage: PhotoStorage }, farmerId: string, query: { run?: string; cursor?: string; limit?: number }): Promise<SalesView> {
  const { db } = deps
  for (const field of ['run', 'cursor'] as const) {
    // A cursor is the last run date given out; both are compared as text in SQL, so only a real date passes.
    if (query[field] !== undefined && !isChinaDate(query[field])) throw validationFailed({ [field]: 'is a run date written YYYY-MM-DD' })
  }
  const farmer = await db
    .selectFrom('farmers')
    .innerJoin('villages', 'villages.id', 'farmers.villageId')
    .innerJoin('counties', 'counties.id', 'villages.countyId')
    .select(['farmers.id', 'farmers.name', 'villages.name as village', 'villages.serviceCenterAddress as address', 'counties.cutoffTime'])
    .where('farmers.id', '=', farmerId)
    .executeTakeFirst()
  if (!farmer) throw notFound('farmer')

  const limit = query.limit ?? RUNS_PER_PAGE
  let runsQuery = db.selectFrom('parcels').select('collectionRunDate').distinct().where('farmerId', '=', farmerId).where('collectionRunDate', 'is not', null)
  if (query.run) runsQuery = runsQuery.where('collectionRunDate', '=', query.run)
  if (query.cursor) runsQuery = runsQuery.where('collectionRunDate', '<', query.cursor)
  const found = (await runsQuery.orderBy('collectionRunDate', 'desc').limit(limit + 1).execute()).map((r) => r.collectionRunDate!)
  const dates = found.slice(0, limit)

  const months = [...new Set(dates.map((d) => d.slice(0, 7)))]
  const lines = months.length === 0 ? [] : await saleLines(db, farmerId, `${months[months.length - 1]}-01`, `${addChinaMonths(months[0], 1)}-01`)
  const place = `${farmer.village}服务站`
  const cases = await casesOfLines(deps, [...new Set(lines.map((l) => l.orderId))])
  const toSaleLine = (row: LineRow): SaleLine => saleLineOf(row, cases.get(`${row.orderId}:${row.listingId}`) ?? [])

  const runs = dates.map((date): SalesRun => {
    const runLines = lines.filter((l) => l.runDate === date).map(toSaleLine)
    const totals = noTotals()
    runLines.forEach((line) => add(totals, line))
    return {
      date,
      handIn: { place, address: farmer.address, by: handInDeadline(date, { cutoffTime: farmer.cutoffTime }).toISOString() },
      lines: runLines,
      toHandIn: runLines.filter((l) => l.status === 'to_hand_in').length,
      totals,
    }
  })
  const monthTotals = months.map((month) => {
    const totals = noTotals()
    lines.filter((l) => l.runDate.startsWith(month)).map(toSaleLine).forEach((line) => add(totals, line))
    return { month, ...totals }
  })

  return { farmer: { id: farmer.id, name: farmer.name }, runs, months: monthTotals, toHandIn: await linesToHandIn(db, farmerId), nextCursor: found.length > limit ? dates[dates.length - 1] : null }
}

function saleLineOf({ runDate: _run, listingId: _listing, parcelStatus, orderStatus, refunded, ...line }: LineRow, cases: CaseView[]): SaleLine {
  return { ...line, ...saleLineState(parcelStatus, orderStatus, refunded), cases }
}

/** The farmer's lines on runs from `from` (inclusive) to `until` (exclusive), oldest order first within a run. */
async function saleLines(db: Kysely<DB>, farmerId: string, from: string, until: string): Promise<LineRow[]> {
  const rows = await db
    .selectFrom('orderLines')
    .innerJoin('parcels', (join) => join.onRef('parcels.orderId', '=', 'orderLines.orderId').onRef('parcels.farmerId', '=', 'orderLines.farmerId'))
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .select(['orderLines.orderId', 'orderLines.listingId', 'orders.number', 'orderLines.title', 'orderLines.quantity', 'orderLines.unit', 'orderLines.weightGrams', 'orderLines.lineTotalFen', 'parcels.collectionRunDate', 'parcels.status as parcelStatus', 'orders.status as orderStatus'])
    .where('orderLines.farmerId', '=', farmerId)
    .where('parcels.collectionRunDate', '>=', from)
    .where('parcels.collectionRunDate', '<', until)
    .orderBy('orders.paidAt')
    .orderBy('orderLines.orderId')
    .orderBy('orderLines.position')
    .execute()
  const orderIds = [...new Set(rows.map((r) => r.orderId))]
  // The whole order paid back (a cancel, an admin's refund); a case's partial refund is shown with its case instead.
  const refunded = new Set(orderIds.length === 0 ? [] : (await db.selectFrom('refunds').select('orderId').distinct().where('orderId', 'in', orderIds).where('caseId', 'is', null).execute()).map((r) => r.orderId))
  return rows.map(({ collectionRunDate, unit, ...row }) => ({ ...row, unit: unit as Unit, runDate: collectionRunDate!, refunded: refunded.has(row.orderId) }))
}

/** What the badge on 我的 counts: lines of paid orders still with the farmer. */
export async function linesToHandIn(db: Kysely<DB>, farmerId: string): Promise<number> {
  const row = await db
    .selectFrom('orderLines')
    .innerJoin('parcels', (join) => join.onRef('parcels.orderId', '=', 'orderLines.orderId').onRef('parcels.farmerId', '=', 'orderLines.farmerId'))
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('orderLines.farmerId', '=', farmerId)
    .where('parcels.status', '=', 'awaiting_collection')
    .where('orders.status', '=', 'paid')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** A farmer of the operator's village, or a 404 as for a farmer that does not exist. */
export async function assertVillageFarmer(db: Kysely<DB>, villageId: string | null, farmerId: string): Promise<void> {
  const farmer = await db.selectFrom('farmers').select('villageId').where('id', '=', farmerId).executeTakeFirst()
  if (!farmer || farmer.villageId !== villageId) throw notFound('farmer')
}
