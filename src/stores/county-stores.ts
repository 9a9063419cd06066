import Taro from '@tarojs/taro'
import { ApiError } from '../api/api-error'
import * as parcelApi from '../api/parcel-client'
import type { Manifest } from '../api/parcel-types'
import { chinaDate } from '../domain/china-time'
import { CollectionRunStore } from './collection-run-store'
import { manifestWithParcel } from './parcel-groups'
import { perUser } from './per-user'
import { PickupDeskStore } from './pickup-desk-store'
import { ReadyPickupsStore } from './ready-pickups-store'
import { saveReportFile } from './report-file'
import { SubsidyReportStore } from './subsidy-report-store'

/* The county staff's stores (县小二: the collection run, the orders waiting, the pickup desk, the
   subsidy report), reached only from the packages/county subpackage. Here the desk meets
   WeChat's scanner. */

/** WeChat's scanner, camera only (a photo from the album could be an old screenshot), QR codes only. */
function scanPickupQr(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    // Callbacks, not Taro's promise, as for requestPayment: the same on every base library.
    const task = Taro.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (result) => resolve(result.result),
      fail: (error: { errMsg?: string }) => {
        const message = error?.errMsg ?? 'scanCode:fail'
        if (/cancel/i.test(message)) resolve(null)
        else reject(new ApiError(0, 'SCAN_FAILED', message))
      },
    })
    ;(task as unknown as Promise<unknown> | undefined)?.catch?.(() => {})
  })
}

const today = () => chinaDate(new Date())

export const manifestFor = perUser(() => new CollectionRunStore<Manifest>({ fetchRun: parcelApi.manifest, withParcel: manifestWithParcel, today }))

export const readyPickupsFor = perUser(() => new ReadyPickupsStore(parcelApi.readyPickups))

export const pickupDeskFor = perUser(() => new PickupDeskStore({ verify: parcelApi.verifyPickup, scanCode: scanPickupQr }))

export const subsidyReportFor = perUser(
  () => new SubsidyReportStore({ fetchCsv: parcelApi.subsidyReportCsv, thisMonth: () => today().slice(0, 7), saveFile: saveReportFile }),
)
