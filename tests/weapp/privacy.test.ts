import { seedId } from '../../server/ids'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, relaunchMiniProgram, tap, text, type, viewNodes, waitFor } from './support/mini-program'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* WeChat's privacy authorization in the compiled mini-program (app.json __usePrivacyCheck__), on a
   phone that has not agreed to the guide yet. The guide is offered up front at launch; 不同意
   leaves the user in the catalog with a note of what needs the agreement. The farmer's first photo
   pick shows the sheet: declined, nothing is collected and the draft stays; agreed (WeChat's
   agreePrivacyAuthorization button), the picker opens. A call WeChat itself holds (the app could
   not read the setting) is answered through the same sheet. */

const SELL = 'packages/farmer/pages/sell/index'
const FARMER = seedId('usr', 'wang-jianguo')

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
const toasts: string[] = []

beforeAll(async () => {
  server = await spawnDemoServer()
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

/** The first node with this class, whether the simulator prefixed it (main package) or not. */
const find = (page: any, className: string) => page.querySelector(`.main--${className}`) ?? page.querySelector(`.${className}`)
const shows = (page: any, className: string) => Boolean(find(page, className))

/** The id WeChat sees on the sheet's agree button: Taro's template binds id="{{i.uid||i.sid}}". */
function agreeButtonId(): string {
  const [button] = viewNodes(app.pages[app.pages.length - 1], 'privacy-agree')
  return String(button?.uid ?? button?.sid)
}

/** The user taps the sheet's agree button: WeChat records the consent, then tells the app. */
function tapAgree(page: any): void {
  phone.privacy.tappedAgree.push(agreeButtonId())
  phone.privacy.agreed = true
  find(page, 'privacy-agree').dispatchEvent('agreeprivacyauthorization')
}
const withToasts = (wx: Record<string, unknown>) => ({
  ...wx,
  showToast: (options: { title: string; success?: (r: object) => void }) => {
    toasts.push(options.title)
    options.success?.({ errMsg: 'showToast:ok' })
  },
})

describe('a phone that has not agreed to the privacy guide', () => {
  beforeAll(async () => {
    phone = createPhone(server.url, { privacyAgreed: false })
    await signInOnPhone(server.url, phone, FARMER)
    app = launchMiniProgram(server.url, withToasts(phone.wx))
  })

  it('offers the guide up front at launch, in plain words; 不同意 leaves the catalog open with a note', async () => {
    const home = app.open('pages/home/index')
    await waitFor(() => shows(home, 'privacy-sheet') && text(home).includes('乡集怎样使用你的信息'), 'the privacy sheet at launch')
    const sheet = text(home)
    for (const said of ['乡集怎样使用你的信息', '微信身份', '照片', '取货点', '农户的电话', '《乡集小程序隐私保护指引》', '同意', '不同意']) expect(sheet).toContain(said)
    // WeChat's own consent button, named so WeChat can check it was tapped.
    expect(agreeButtonId()).toBe('xiangji-privacy-agree')

    find(home, 'privacy-decline').dispatchEvent('tap')
    await waitFor(() => !shows(home, 'privacy-sheet') && shows(home, 'privacy-note'), 'the note instead of the sheet')
    expect(text(home)).toContain('可以照常浏览和下单；拍照上架、售后拍照和扫码取货要同意后才能用')
    // Still the catalog: its categories are there to tap.
    await waitFor(() => shows(home, 'category-tile'), 'the categories')
    expect(phone.pickerOpened).toBe(0)
  })

  it('does not press the sheet again at the next launch', async () => {
    app = relaunchMiniProgram(server.url, withToasts(phone.wx))
    const home = app.open('pages/home/index')
    await waitFor(() => shows(home, 'privacy-note'), 'the note')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(shows(home, 'privacy-sheet')).toBe(false)
  })

  it('asks at the first photo pick: declined, nothing is collected and the draft stays', async () => {
    const page = app.open(SELL)
    await waitFor(() => page.querySelector('.add-photo'), 'the listing form')
    type(page, '.input-title', '没同意也不丢的羊肉')
    phone.takePhotos(1)
    tap(page, '.add-photo')
    await waitFor(() => page.querySelector('.privacy-sheet'), 'the privacy sheet')
    expect(text(page)).toContain('拍照或选照片之前，需要你先同意')
    expect(phone.pickerOpened).toBe(0)

    tap(page, '.privacy-decline')
    await waitFor(() => !shows(page, 'privacy-sheet'), 'the sheet closed')
    await waitFor(() => toasts.includes('没有同意隐私保护指引，不能拍照或选照片'), 'the toast saying why')
    expect(phone.pickerOpened).toBe(0)
    expect(page.querySelectorAll('.draft-photo')).toHaveLength(0)
    expect(phone.uploads).toHaveLength(0)
    const draft = JSON.parse(phone.storage.get(`xiangji.draft.${FARMER}.new`)!)
    expect(draft.fields.title).toBe('没同意也不丢的羊肉')
    expect(draft.photos).toEqual([])
  })

  it('opens the picker once the user agrees, and asks no more', async () => {
    const form = app.open(SELL)
    await waitFor(() => form.querySelector('.add-photo'), 'the listing form')
    phone.takePhotos(1)
    tap(form, '.add-photo')
    await waitFor(() => form.querySelector('.privacy-sheet'), 'the privacy sheet')
    tapAgree(form)
    await waitFor(() => form.querySelectorAll('.draft-photo--uploaded').length === 1, 'the photo picked and uploaded')
    expect(phone.pickerOpened).toBe(1)
    expect(phone.privacy.held).toEqual([])

    phone.takePhotos(1)
    tap(form, '.add-photo')
    await waitFor(() => form.querySelectorAll('.draft-photo--uploaded').length === 2, 'a second photo, no sheet')
    expect(shows(form, 'privacy-sheet')).toBe(false)
    expect(phone.pickerOpened).toBe(2)
  })
})

describe("a privacy call WeChat holds itself (the app could not read the setting)", () => {
  it('is answered through the same sheet, with the button WeChat saw tapped', async () => {
    phone?.close()
    phone = createPhone(server.url, { privacyAgreed: false })
    phone.privacy.settingFails = true
    await signInOnPhone(server.url, phone, FARMER)
    app = relaunchMiniProgram(server.url, withToasts(phone.wx))
    const form = app.open(SELL)
    await waitFor(() => form.querySelector('.add-photo'), 'the listing form')
    phone.takePhotos(1)
    tap(form, '.add-photo')
    await waitFor(() => form.querySelector('.privacy-sheet'), 'the sheet, opened by WeChat’s hold')
    expect(phone.privacy.held).toEqual(['chooseMedia'])
    expect(phone.pickerOpened).toBe(0)
    tapAgree(form)
    await waitFor(() => phone.pickerOpened === 1, 'the held pick going ahead')
    await waitFor(() => form.querySelectorAll('.draft-photo--uploaded').length === 1, 'the photo uploaded')
    expect(phone.pickerOpened).toBe(1)
  })
})
