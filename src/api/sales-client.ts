/* 我卖出的: the farmer's own sales, and a farmer's of the operator's village. */
import type { SalesQuery, SalesView } from './sales-types'
import { request } from './request'

export const mySales = (query: SalesQuery = {}) => request<SalesView>('GET', '/my/sales', { query: { ...query } })

export const farmerSales = (farmerId: string, query: { cursor?: string; run?: string } = {}) =>
  request<SalesView>('GET', `/farmers/${encodeURIComponent(farmerId)}/sales`, { query: { ...query } })
