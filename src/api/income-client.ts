/* 我的收入: a farmer's or a cun xiao'er's statement and payouts, and a farmer's statement for the
   cun xiao'er of her village. Imported only by the farmer and operator subpackages' stores. */
import type { MyPayouts, Payout, Statement } from './income-types'
import { request } from './request'

export const myStatement = (month: string) => request<Statement>('GET', '/my/statement', { query: { month } })
export const myPayouts = () => request<MyPayouts>('GET', '/my/payouts')

export const farmerStatement = (farmerId: string, month: string) =>
  request<Statement>('GET', `/farmers/${encodeURIComponent(farmerId)}/statement`, { query: { month } })

/** Her payouts, cash ones with their reference, for her printed statement; never a package to confirm. */
export const farmerPayouts = (farmerId: string) => request<{ items: Payout[] }>('GET', `/farmers/${encodeURIComponent(farmerId)}/payouts`)
