import type { AfterSaleCase } from './case-types'
import type { ChinaDate, ChinaMonth } from '../domain/china-time'
import type { SaleEndReason, SaleLineStatus } from '../domain/farmer-sales'
import type { Unit } from '../domain/units'

/* 我卖出的 as the server sends it (GET /my/sales, GET /farmers/:id/sales): the farmer's paid
   lines by collection run, newest first. Nothing of the buyer is in it. */

export interface SaleTotals {
  lineCount: number
  weightGrams: number
  amountFen: number
}

export interface SaleLine {
  orderId: string
  /** The short number people read (1203-017); null only for an order not yet paid. */
  number: string | null
  title: string
  quantity: number
  unit: Unit
  weightGrams: number
  lineTotalFen: number
  status: SaleLineStatus
  reason?: SaleEndReason
  /** What went wrong with the goods, and what was decided (售后). */
  cases: AfterSaleCase[]
}

export interface SalesRun {
  date: ChinaDate
  /** Where and by when (ISO UTC) the farmer hands this run's goods in. */
  handIn: { place: string; address: string; by: string }
  lines: SaleLine[]
  toHandIn: number
  totals: SaleTotals
}

export interface SalesView {
  farmer: { id: string; name: string }
  runs: SalesRun[]
  months: ({ month: ChinaMonth } & SaleTotals)[]
  /** Lines still with the farmer, over all runs: the badge on 我的. */
  toHandIn: number
  nextCursor: string | null
}
