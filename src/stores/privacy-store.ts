import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from './session-store'

/* The privacy guide (用户隐私保护指引) the user agrees to before anything personal is collected.
   In the mini-program WeChat enforces it: with `__usePrivacyCheck__` in app.json a privacy API
   (chooseMedia, scanCode, saveFile, the clipboard, location) fails until the user has agreed,
   and agreeing is a tap on a button of open-type agreePrivacyAuthorization on a sheet the app
   draws itself. On H5 the law asks the same (PIPL: inform, then consent) and the app keeps the
   agreement itself. This store is the sheet's state: who asked it to open and for what, and what
   the user answered. Every privacy call waits on `ensure` first; WeChat's own
   onNeedPrivacyAuthorization comes here too, for a call that reached WeChat another way. */

/** What the user was about to do when the sheet opened: its words say why it asks. */
export type PrivacyPurpose = 'launch' | 'photos' | 'scan' | 'other'

/** wx.getPrivacySetting's answer (on H5, the agreement kept in the browser); null where there is no
 *  such check (an old base library). */
export interface PrivacySetting {
  needAuthorization: boolean
  /** The guide's name as set in the admin console, e.g. 《乡集小程序隐私保护指引》. */
  contractName: string
}

/** WeChat's resolve of onNeedPrivacyAuthorization, in the two answers we give it. */
export type WeChatPrivacyAnswer = (answer: 'agree' | 'disagree' | 'exposed') => void

export interface PrivacyDeps {
  storage: KeyValueStorage
  privacySetting(): Promise<PrivacySetting | null>
  /** Keeps the agreement where WeChat does not keep it for us (H5). */
  recordAgreement(): void
}

// Per phone, like WeChat's own record of the agreement: the launch sheet is not pressed on
// someone who has said no once; the next photo or scan asks again, in context.
const DECLINED_KEY = 'xiangji.privacy-declined'

export class PrivacyStore {
  /** The sheet is open, for this purpose; null when closed. */
  asking: PrivacyPurpose | null = null
  /** The user said no on this phone and has not agreed since: pages say what they cannot do. */
  declined = false
  contractName = ''
  private waiting: ((agreed: boolean) => void)[] = []

  constructor(private readonly deps: PrivacyDeps) {
    makeAutoObservable<this, 'deps' | 'waiting'>(this, { deps: false, waiting: false }, { autoBind: true })
    this.declined = deps.storage.get(DECLINED_KEY) === '1'
  }

  /** Whether the privacy call may go ahead: at once when the guide is agreed (or WeChat has no
   *  check), else once the user has answered the sheet. */
  async ensure(purpose: PrivacyPurpose): Promise<boolean> {
    const setting = await this.readSetting()
    if (!setting?.needAuthorization) return true
    return this.ask(purpose)
  }

  /** At launch: the guide up front, unless it is agreed or was declined on this phone. */
  async offerAtLaunch(): Promise<void> {
    if (this.declined) return
    await this.ensure('launch')
  }

  /** WeChat's onNeedPrivacyAuthorization: a privacy call is held until we answer. */
  answerWeChat(answer: WeChatPrivacyAnswer): void {
    // Our sheet is WeChat's only notice of the guide: it is told the sheet is on screen.
    answer('exposed')
    void this.ask(this.asking ?? 'other').then((agreed) => answer(agreed ? 'agree' : 'disagree'))
  }

  /** The sheet, opened on purpose from a note (查看并同意). */
  open(): void {
    void this.ask('other')
  }

  /** The agree button was tapped: WeChat has recorded the agreement. */
  agreed(): void {
    this.deps.recordAgreement()
    this.declined = false
    this.deps.storage.remove(DECLINED_KEY)
    this.close(true)
  }

  /** 不同意: nothing is collected; the app goes on without the privacy features. */
  decline(): void {
    this.declined = true
    this.deps.storage.set(DECLINED_KEY, '1')
    this.close(false)
  }

  private ask(purpose: PrivacyPurpose): Promise<boolean> {
    this.asking = purpose
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private close(agreed: boolean): void {
    this.asking = null
    const waiting = this.waiting
    this.waiting = []
    waiting.forEach((resolve) => resolve(agreed))
  }

  private async readSetting(): Promise<PrivacySetting | null> {
    try {
      const setting = await this.deps.privacySetting()
      if (setting?.contractName) this.setContractName(setting.contractName)
      return setting
    } catch {
      // Unknown: the call goes ahead, and WeChat's own check (answerWeChat) still holds it.
      return null
    }
  }

  private setContractName(name: string): void {
    this.contractName = name
  }
}
