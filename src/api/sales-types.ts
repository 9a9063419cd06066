/* 我卖出的 as the server sends it (GET /my/sales, GET /farmers/:id/sales): the farmer's paid
   lines by collection run, newest first. Types of the server's contract only (see ./types.ts). */

export type { SaleLine, SalesQuery, SalesRun, SaleTotals, SalesView } from '../../server/contract/sales'
