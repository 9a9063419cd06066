import Taro from '@tarojs/taro'
import * as parcelApi from '../api/parcel-client'
import type { Manifest } from '../api/parcel-types'
import { chinaMonth } from '../domain/china-time'
import { CollectionRunStore } from './collection-run-store'
import { manifestWithParcel } from './parcel-groups'
import { perUser } from './per-user'
import { PickupDeskStore } from './pickup-desk-store'
import { ReadyPickupsStore } from './ready-pickups-store'
import { saveReportFile } from './report-file'
import { SubsidyReportStore } from './subsidy-report-store'
import { openWeChatSheet } from './wechat-call'

/* The county staff's stores (县小二: the collection run, the orders waiting, the pickup desk, the
   subsidy report), reached only from the packages/county subpackage. Here the desk meets
   WeChat's scanner. */

/** WeChat's scanner, camera only (a photo from the album could be an old screenshot), QR codes only. */
async function scanPickupQr(): Promise<string | null> {
  const answer = await openWeChatSheet<Taro.scanCode.SuccessCallbackResult>('SCAN_FAILED', (callbacks) => Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'], ...callbacks }))
  return answer === 'cancelled' ? null : answer.result
}

export const manifestFor = perUser(
  () => new CollectionRunStore<Manifest>({ fetchRun: parcelApi.manifest, withParcel: manifestWithParcel, parcelsOf: (run) => run.villages.flatMap((v) => v.parcels) }),
)

export const readyPickupsFor = perUser(() => new ReadyPickupsStore(parcelApi.readyPickups, parcelApi.pickupByNumber))

export const pickupDeskFor = perUser(() => new PickupDeskStore({ verify: parcelApi.verifyPickup, scanCode: scanPickupQr }))

export const subsidyReportFor = perUser(
  () => new SubsidyReportStore({ fetchCsv: parcelApi.subsidyReportCsv, thisMonth: () => chinaMonth(new Date()), saveFile: saveReportFile }),
)
