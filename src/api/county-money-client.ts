/* County staff's money calls: payout runs (drawn up by one clerk, approved by another), cash
   payouts recorded and approved, and the shipping uploads WeChat refused. Imported only by the
   county subpackage's stores. */
import type { Payout, PayoutRun, StuckShippingUpload } from './county-money-types'
import { request } from './request'

const runPath = (id: string) => `/county/payout-runs/${encodeURIComponent(id)}`
const payoutPath = (id: string) => `/payouts/${encodeURIComponent(id)}`

export const payoutRuns = () => request<{ items: PayoutRun[] }>('GET', '/county/payout-runs')
/** Everyone of the county owed 0.10 yuan or more; 409 while a run waits or when nobody is owed. */
export const draftPayoutRun = () => request<PayoutRun>('POST', '/county/payout-runs')
/** By a clerk other than the one who drew it up (403 for that one). */
export const approvePayoutRun = (id: string) => request<PayoutRun>('POST', `${runPath(id)}/approve`)
export const rejectPayoutRun = (id: string) => request<PayoutRun>('POST', `${runPath(id)}/reject`)
/** Cash at the service center or a bank transfer, with its reference. */
export const recordOfflinePayout = (id: string, reference: string) => request<Payout>('POST', `${payoutPath(id)}/record-offline`, { body: { reference } })
/** By a clerk other than the one who recorded it. */
export const approveOfflinePayout = (id: string) => request<Payout>('POST', `${payoutPath(id)}/approve-offline`)

export const stuckShippingUploads = () => request<{ items: StuckShippingUpload[] }>('GET', '/county/shipping-uploads')
