import Taro from '@tarojs/taro'
import { privacyStrings } from '../strings/privacy'
import type { PrivacyPurpose } from './privacy-store'
import { privacy } from './privacy-gate'

/* The one way to a privacy API in this app (chooseMedia, scanCode, saveFile; the clipboard or
   location, should they ever be used): `withPrivacy` asks the privacy sheet first. Apart from
   privacy-gate.ts because only the subpackages' pages make such calls: on H5 the toast it shows
   then stays out of the first load. tests/stores/privacy-calls.test.ts holds every call to it. */

/**
 * A privacy call, made only once the user has agreed: `declined` when they said no (nothing was
 * collected, and a toast says what needs the agreement); else the call's own answer.
 */
export async function withPrivacy<T>(purpose: PrivacyPurpose, call: () => Promise<T>): Promise<T | 'declined'> {
  if (!(await privacy.ensure(purpose))) {
    void Taro.showToast({ title: privacyStrings.declinedToast[purpose === 'scan' ? 'scan' : 'photos'], icon: 'none', duration: 3000 })
    return 'declined'
  }
  return call()
}
