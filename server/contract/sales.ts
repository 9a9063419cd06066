import { type Static, Type } from '@sinclair/typebox'
import { SALE_LINE_STATUSES } from '../../src/domain/farmer-sales'
import { AfterSaleCase } from './cases'
import { literals, Strict } from './common'
import { Unit } from './listings'

/* 我卖出的 (GET /my/sales, GET /farmers/:id/sales): the farmer's paid lines by collection run,
   newest first. Nothing of the buyer is in it. */

const RunDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })
export const SalesQuery = Type.Object({ run: Type.Optional(RunDate), cursor: Type.Optional(RunDate), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, Strict)
export type SalesQuery = Static<typeof SalesQuery>

const Totals = { lineCount: Type.Integer(), weightGrams: Type.Integer(), amountFen: Type.Integer() }
export const SaleTotals = Type.Object(Totals)
export type SaleTotals = Static<typeof SaleTotals>

export const SaleLine = Type.Object({
  orderId: Type.String(),
  /** The short number people read (1203-017): what the farmer says to the cun xiao'er; null only for an order not yet paid. */
  number: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  quantity: Type.Integer(),
  unit: Unit,
  weightGrams: Type.Integer(),
  lineTotalFen: Type.Integer(),
  status: literals(SALE_LINE_STATUSES),
  reason: Type.Optional(Type.Union([Type.Literal('buyer_cancelled'), Type.Literal('refunded_after_pickup')])),
  /** What went wrong with the goods (售后): the farmer sees what, the photo, the decision and
      the amount taken from her sale. Never who the buyer is: a case carries no buyer. */
  cases: Type.Array(AfterSaleCase),
})
export type SaleLine = Static<typeof SaleLine>

export const SalesRun = Type.Object({
  date: Type.String(),
  /** Where and by when (ISO UTC) the farmer hands this run's goods in. */
  handIn: Type.Object({ place: Type.String(), address: Type.String(), by: Type.String({ format: 'date-time' }) }),
  lines: Type.Array(SaleLine),
  /** Lines still with the farmer, to bring to the service center. */
  toHandIn: Type.Integer(),
  /** Of the lines that stand (neither cancelled nor refunded). */
  totals: SaleTotals,
})
export type SalesRun = Static<typeof SalesRun>

export const Sales = Type.Object({
  farmer: Type.Object({ id: Type.String(), name: Type.String() }),
  runs: Type.Array(SalesRun),
  /** Month by month (the run's month), over every run of those months, not only this page's. */
  months: Type.Array(Type.Object({ month: Type.String(), ...Totals })),
  /** Lines still with the farmer, over all runs: the badge on 我的. */
  toHandIn: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type SalesView = Static<typeof Sales>
