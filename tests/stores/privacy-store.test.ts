import { type PrivacySetting, PrivacyStore } from '../../src/stores/privacy-store'
import type { KeyValueStorage } from '../../src/stores/session-store'

/* The privacy sheet's state: a privacy call goes ahead at once when the guide is agreed or there
   is no check, else waits for the user's answer on the sheet; 不同意 is kept on the phone so
   the launch sheet is not pressed again, while a photo or a scan still asks in context; WeChat's
   own hold (onNeedPrivacyAuthorization) is answered by the same sheet. */

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

const GUIDE = '《乡集小程序隐私保护指引》'

function phone(needAuthorization: boolean | 'no check' | 'fails') {
  const state = { needAuthorization, reads: 0, recorded: 0 }
  const storage = new MemoryStorage()
  const privacySetting = async (): Promise<PrivacySetting | null> => {
    state.reads++
    if (state.needAuthorization === 'fails') throw new Error('getPrivacySetting:fail')
    if (state.needAuthorization === 'no check') return null
    return { needAuthorization: state.needAuthorization, contractName: GUIDE }
  }
  return { state, storage, store: new PrivacyStore({ storage, privacySetting, recordAgreement: () => void state.recorded++ }) }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('PrivacyStore', () => {
  it('lets a call go ahead without a sheet when the guide is agreed, or there is no check (an old WeChat), or the check fails', async () => {
    for (const setting of [false, 'no check', 'fails'] as const) {
      const { store } = phone(setting)
      expect(await store.ensure('photos')).toBe(true)
      expect(store.asking).toBeNull()
    }
  })

  it('opens the sheet for the purpose, and lets the call go ahead once agreed (kept where WeChat does not keep it)', async () => {
    const { store, storage, state } = phone(true)
    const answer = store.ensure('photos')
    await settle()
    expect(store.asking).toBe('photos')
    expect(store.contractName).toBe(GUIDE)
    store.agreed()
    expect(await answer).toBe(true)
    expect(state.recorded).toBe(1)
    expect(store.asking).toBeNull()
    expect(store.declined).toBe(false)
    expect(storage.data.size).toBe(0)
  })

  it('answers every call waiting on the sheet with the one answer', async () => {
    const { store } = phone(true)
    const first = store.ensure('photos')
    const second = store.ensure('scan')
    await settle()
    store.decline()
    expect(await Promise.all([first, second])).toEqual([false, false])
  })

  it('keeps 不同意 on the phone: no launch sheet again, but a photo still asks, and agreeing clears it', async () => {
    const { store, storage, state } = phone(true)
    const launch = store.offerAtLaunch()
    await settle()
    expect(store.asking).toBe('launch')
    store.decline()
    await launch
    expect(store.declined).toBe(true)

    const reopened = new PrivacyStore({ storage, privacySetting: async () => ({ needAuthorization: true, contractName: GUIDE }), recordAgreement: () => {} })
    expect(reopened.declined).toBe(true)
    const readsBefore = state.reads
    await reopened.offerAtLaunch()
    expect(reopened.asking).toBeNull()
    expect(state.reads).toBe(readsBefore)

    const photo = reopened.ensure('photos')
    await settle()
    expect(reopened.asking).toBe('photos')
    reopened.agreed()
    expect(await photo).toBe(true)
    expect(reopened.declined).toBe(false)
    expect(new PrivacyStore({ storage, privacySetting: async () => null, recordAgreement: () => {} }).declined).toBe(false)
  })

  it("answers WeChat's hold on a privacy call: exposure first, then agree or disagree", async () => {
    const { store } = phone(true)
    const answers: string[] = []
    store.answerWeChat((answer) => answers.push(answer))
    expect(store.asking).toBe('other')
    expect(answers).toEqual(['exposed'])
    store.agreed()
    await settle()
    expect(answers).toEqual(['exposed', 'agree'])

    store.answerWeChat((answer) => answers.push(answer))
    store.decline()
    await settle()
    expect(answers).toEqual(['exposed', 'agree', 'exposed', 'disagree'])
  })

  it('opens on purpose from the note (查看并同意)', async () => {
    const { store } = phone(true)
    store.open()
    expect(store.asking).toBe('other')
    store.agreed()
    expect(store.asking).toBeNull()
  })
})
