import Taro from '@tarojs/taro'
import { type PrivacySetting, PrivacyStore, type WeChatPrivacyAnswer } from './privacy-store'
import { taroStorage } from './taro-storage'

/* The privacy guide's store for the app's life, at module level because the stores that scan or
   save are built outside React, and its start at launch. WeChat keeps the mini-program's
   agreement; on H5 the browser's storage keeps it. The privacy calls themselves go through
   withPrivacy (privacy-calls.ts). */

const isWeapp = process.env.TARO_ENV === 'weapp'

/** The agree button's id: WeChat checks that the button named in resolve() was tapped. */
export const AGREE_BUTTON_ID = 'xiangji-privacy-agree'

// Base library 2.32.3 and later; on an older WeChat these are missing and nothing is asked.
type PrivacyApis = {
  getPrivacySetting?: (options: { success(result: { needAuthorization: boolean; privacyContractName: string }): void; fail(error: unknown): void }) => void
  onNeedPrivacyAuthorization?: (listener: (resolve: (option: { event: string; buttonId?: string }) => void) => void) => void
  openPrivacyContract?: (options: object) => void
}
const wechat = Taro as unknown as PrivacyApis

// H5 only: the browser's record that this guide was agreed to.
const AGREED_KEY = 'xiangji.privacy-agreed'

function privacySetting(): Promise<PrivacySetting | null> {
  if (!isWeapp) return Promise.resolve({ needAuthorization: taroStorage.get(AGREED_KEY) !== '1', contractName: '' })
  if (typeof wechat.getPrivacySetting !== 'function') return Promise.resolve(null)
  const read = wechat.getPrivacySetting
  return new Promise((resolve, reject) =>
    read({ success: (result) => resolve({ needAuthorization: result.needAuthorization, contractName: result.privacyContractName }), fail: reject }),
  )
}

export const privacy = new PrivacyStore({
  storage: taroStorage,
  privacySetting,
  recordAgreement: () => {
    if (!isWeapp) taroStorage.set(AGREED_KEY, '1')
  },
})

/** Once, at launch: WeChat's own hold on privacy calls comes to the sheet, and the guide is
 *  offered up front to someone who has not answered it yet. */
export function startPrivacy(): void {
  if (isWeapp) listenForWeChatHolds()
  void privacy.offerAtLaunch()
}

function listenForWeChatHolds(): void {
  wechat.onNeedPrivacyAuthorization?.((resolve) => {
    const answer: WeChatPrivacyAnswer = (choice) =>
      resolve(choice === 'agree' ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: choice === 'exposed' ? 'exposureAuthorization' : 'disagree' })
    privacy.answerWeChat(answer)
  })
}

/** The full guide, as written in the admin console, in WeChat's own page. */
export function openPrivacyContract(): void {
  wechat.openPrivacyContract?.({})
}
