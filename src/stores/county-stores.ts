import Taro from '@tarojs/taro'
import * as parcelApi from '../api/parcel-client'
import { uploadPhoto } from '../api/photo-upload'
import type { Manifest } from '../api/parcel-types'
import { chinaMonth } from '../domain/china-time'
import { CaseReportStore } from './case-report-store'
import { CollectionRunStore } from './collection-run-store'
import { CountyCasesStore } from './county-cases-store'
import { manifestWithParcel } from './parcel-groups'
import { perUser } from './per-user'
import { PickupDeskStore } from './pickup-desk-store'
import { ReadyPickupsStore } from './ready-pickups-store'
import { saveReportFile } from './report-file'
import { SubsidyReportStore } from './subsidy-report-store'
import { withPrivacy } from './privacy-calls'
import { openWeChatSheet } from './wechat-call'

/* The county staff's stores (县小二: the collection run, the orders waiting, the pickup desk, the
   subsidy report), reached only from the packages/county subpackage. Here the desk meets
   WeChat's scanner. */

/** WeChat's scanner, camera only (a photo from the album could be an old screenshot), QR codes only. */
async function scanPickupQr(): Promise<string | null> {
  const answer = await withPrivacy('scan', () => openWeChatSheet<Taro.scanCode.SuccessCallbackResult>('SCAN_FAILED', (callbacks) => Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'], ...callbacks })))
  // Declined the privacy guide: as if the scanner were closed; the code can still be typed.
  return answer === 'cancelled' || answer === 'declined' ? null : answer.result
}

export const manifestFor = perUser(
  () => new CollectionRunStore<Manifest>({ fetchRun: parcelApi.manifest, withParcel: manifestWithParcel, parcelsOf: (run) => run.villages.flatMap((v) => v.parcels) }),
)

export const readyPickupsFor = perUser(() => new ReadyPickupsStore(parcelApi.readyPickups, parcelApi.pickupByNumber))

export const pickupDeskFor = perUser(() => new PickupDeskStore({ verify: parcelApi.verifyPickup, scanCode: scanPickupQr }))

export const subsidyReportFor = perUser(
  () => new SubsidyReportStore({ fetchCsv: parcelApi.subsidyReportCsv, thisMonth: () => chinaMonth(new Date()), saveFile: saveReportFile }),
)

/** 登记问题 at the desk: a problem with a line recorded as the goods are handed over. */
export const deskCaseReportFor = perUser(() => new CaseReportStore({ uploadPhoto: (path) => uploadPhoto(path), report: parcelApi.recordCase }))

/** 售后处理: the county's cases, decided one at a time. */
export const countyCasesFor = perUser(() => new CountyCasesStore({ fetchCases: parcelApi.countyCases, decide: parcelApi.decideCase }))
