/* 我卖出的: the farmer's own sales, and a farmer's of the operator's village. */
import type { SalesView } from './sales-types'
import { request } from './request'

export const mySales = (query: { cursor?: string; run?: string; limit?: number } = {}) => request<SalesView>('GET', '/my/sales', { query: { ...query } })

export const farmerSales = (farmerId: string, query: { cursor?: string; run?: string } = {}) =>
  request<SalesView>('GET', `/farmers/${encodeURIComponent(farmerId)}/sales`, { query: { ...query } })
