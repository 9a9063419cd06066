import Taro from '@tarojs/taro'
import { api, type User } from '../api'
import { farmerPayouts, farmerStatement, myPayouts, myStatement } from '../api/income-client'
import { uploadPhoto } from '../api/photo-upload'
import { mySales } from '../api/sales-client'
import { chinaMonth } from '../domain/china-time'
import { FarmerSalesStore } from './farmer-sales-store'
import { IncomeStore, type IncomeDeps, type TransferToConfirm } from './income-store'
import { ListingDraftStore } from './listing-draft-store'
import type { DraftTarget, ListingDraftDeps } from './listing-draft-model'
import { ListingPageStore } from './listing-page-store'
import { perUser } from './per-user'
import { withPrivacy } from './privacy-calls'
import { taroStorage } from './taro-storage'
import { openWeChatSheet, type WeChatCallbacks } from './wechat-call'
import { VillageFarmersStore } from './village-farmers-store'

/* The farmer's and the operator's stores, reached only from the role subpackages (see
   per-user.ts). Here the draft store meets Taro: storage, uploads, timers and the phone's files. */

export const myListingsFor = perUser(() => new ListingPageStore(api.myListings))
export const reviewQueueFor = perUser(() => new ListingPageStore(api.reviewQueue))
export const villageFarmersFor = perUser(() => new VillageFarmersStore())
export const mySalesFor = perUser(() => new FarmerSalesStore((cursor) => mySales({ cursor })))

const isWeapp = process.env.TARO_ENV === 'weapp'

const draftDeps: ListingDraftDeps = {
  storage: taroStorage,
  uploadPhoto,
  createListing: api.createListing,
  editListing: api.editListing,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // An H5 blob: URL dies with the page; a mini-program's saved file lives on.
  survivesRestart: (path) => !path.startsWith('blob:'),
  // Saved copies count against WeChat's 10 MB of saved files; a temp path simply fails here.
  releaseFile: (path) => {
    if (isWeapp) Taro.getFileSystemManager().removeSavedFile({ filePath: path, fail: () => {} })
  },
}

/** wx.requestSubscribeMessage for "someone bought your goods", opened by the farmer's tap on
 *  提交审核 (WeChat opens the sheet only inside a tap). Each acceptance allows one message, so
 *  every listing she submits earns the next sale's. Settles whatever she chooses, never rejects. */
export function askForSaleMessage(): void {
  if (!isWeapp || !SALE_TEMPLATE_ID) return
  void openWeChatSheet('SUBSCRIBE_FAILED', (callbacks) =>
    // Taro's type also demands Alipay's entityIds, which WeChat has no use for.
    Taro.requestSubscribeMessage({ tmplIds: [SALE_TEMPLATE_ID], ...callbacks } as unknown as Taro.requestSubscribeMessage.Option),
  ).catch(() => undefined)
}

/** Where a draft is kept: per user, and per listing when editing, so drafts never mix. */
export function draftTarget(user: User, listingId?: string): DraftTarget {
  const which = listingId ? `edit.${listingId}` : user.role === 'operator' ? 'proxy' : 'new'
  return { storageKey: `xiangji.draft.${user.id}.${which}`, listingId, forFarmer: user.role === 'operator' && !listingId }
}

// Drafts outlive their page, so an upload started before the farmer stepped away finishes.
const drafts = new Map<string, ListingDraftStore>()
let draftsOwner: string | null = null

/** The draft for this user and listing: the one in memory, or the one kept on the phone. */
export function openDraft(user: User, listingId?: string): ListingDraftStore {
  if (draftsOwner !== user.id) {
    drafts.forEach((draft) => draft.dispose())
    drafts.clear()
    draftsOwner = user.id
  }
  const target = draftTarget(user, listingId)
  let draft = drafts.get(target.storageKey)
  if (!draft || draft.submitStatus === 'done') {
    draft = new ListingDraftStore(draftDeps, target)
    draft.restore()
    drafts.set(target.storageKey, draft)
  }
  return draft
}

/** WeChat deletes temp files when it likes; a saved copy survives until the listing is sent. */
export async function keepPhotoFiles(tempPaths: string[]): Promise<string[]> {
  if (!isWeapp) return tempPaths
  const fs = Taro.getFileSystemManager()
  // saveFile is a privacy API too; the photos were picked after the sheet, so this rarely asks.
  const kept = await withPrivacy('photos', () =>
    Promise.all(
    tempPaths.map(
      (tempFilePath) =>
        new Promise<string>((resolve) => {
          fs.saveFile({
            tempFilePath,
            success: (result) => resolve(result.savedFilePath),
            // Full (10 MB of saved files) or refused: the temp file still works for now.
            fail: () => resolve(tempFilePath),
          })
        }),
    ),
    ),
  )
  return kept === 'declined' ? tempPaths : kept
}

// wx.requestMerchantTransfer (base library 3.3.0) is not among Taro 4's APIs: called on wx itself.
declare const wx: { requestMerchantTransfer?: (options: TransferToConfirm & WeChatCallbacks<unknown>) => void } | undefined

/** WeChat's 确认收款 sheet, where the phone has one (the mini-program on a recent WeChat). */
function merchantTransferSheet(): IncomeDeps['confirmTransfer'] {
  if (!isWeapp || typeof wx === 'undefined' || typeof wx.requestMerchantTransfer !== 'function') return null
  const open = wx.requestMerchantTransfer.bind(wx)
  return (transfer) => openWeChatSheet('TRANSFER_CONFIRM_FAILED', (callbacks) => open({ ...transfer, ...callbacks })).then((answer) => (answer === 'cancelled' ? 'cancelled' : 'confirmed'))
}

/** 我的收入 of the farmer or the cun xiao'er signed in: the statement and their own payouts. */
export const myIncomeFor = perUser(
  () => new IncomeStore({ fetchStatement: myStatement, fetchPayouts: myPayouts, confirmTransfer: merchantTransferSheet(), thisMonth: () => chinaMonth(new Date()) }),
)

/** A farmer's statement as her village's cun xiao'er reads (or prints) it: nothing to confirm. */
export const farmerIncome = (farmerId: string) =>
  new IncomeStore({
    fetchStatement: (month) => farmerStatement(farmerId, month),
    fetchPayouts: () => farmerPayouts(farmerId).then(({ items }) => ({ items, mchId: null, appId: null })),
    confirmTransfer: null,
    thisMonth: () => chinaMonth(new Date()),
  })
