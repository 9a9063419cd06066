import * as money from '../api/county-money-client'
import type { StuckShippingUpload } from '../api/county-money-types'
import { LatestAnswer } from './latest-answer'
import { perUser } from './per-user'
import { PayoutRunsStore } from './payout-runs-store'

/* The county staff's money pages (转账批次, 发货信息异常), reached only from the packages/county
   subpackage, like county-stores.ts. */

export const payoutRunsFor = perUser(
  (userId) =>
    new PayoutRunsStore(
      { fetchRuns: money.payoutRuns, draft: money.draftPayoutRun, approve: money.approvePayoutRun, reject: money.rejectPayoutRun, recordOffline: money.recordOfflinePayout, approveOffline: money.approveOfflinePayout },
      userId,
    ),
)

/** The orders whose shipping information WeChat keeps refusing. */
export const shippingUploadsFor = perUser(() => new LatestAnswer<StuckShippingUpload[]>('ShippingUploads'))
export const loadShippingUploads = (store: LatestAnswer<StuckShippingUpload[]>) => store.load(async () => (await money.stuckShippingUploads()).items)
