import { seedId } from '../../server/ids'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, relaunchMiniProgram, tap, text, type, viewNodes, waitFor } from './support/mini-program'
import { type Phone, createPhone, fetchJson, signInOnPhone } from './support/phone'

/* 我要卖 in the compiled mini-program: photos from wx.chooseMedia are saved, sent one by one with
   wx.uploadFile to the real server, and the listing is sent once all are in. The draft lives in
   the phone's storage: the app can be closed with the signal gone and nothing is lost. */

const SELL = 'packages/farmer/pages/sell/index'
const FARMER = seedId('usr', 'wang-jianguo')

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let token: string

beforeAll(async () => {
  server = await spawnDemoServer()
  phone = createPhone(server.url)
  token = await signInOnPhone(server.url, phone, FARMER)
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

const count = (page: any, className: string) => page.dom.querySelectorAll(`.main--${className}, .${className}`).length
const lastPage = () => app.pages[app.pages.length - 1]
const draftKey = `xiangji.draft.${FARMER}.new`

async function myListing(title: string) {
  const { items } = await fetchJson(`${server.url}/api/v1/my/listings`, 'GET', undefined, token)
  return items.find((listing: { title: string }) => listing.title === title)
}

/** Polls the server until the farmer's listing with this title is there. */
async function listingOnServer(title: string) {
  for (let tries = 0; tries < 100; tries++) {
    const found = await myListing(title)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no listing ${title} on the server`)
}

async function fillIn(page: any, title: string) {
  type(page, '.input-title', title)
  tap(page, '.choice-lamb')
  tap(page, '.choice-jin')
  await waitFor(() => page.querySelector('.input-unit-weight'), 'the unit weight field')
  type(page, '.input-price', '68.5')
  type(page, '.input-stock', '20')
  type(page, '.input-description', '六月龄羔羊，当天宰杀')
}

it('lists lamb with two photos from the camera, uploaded through wx.uploadFile', async () => {
  const page = app.open(SELL)
  await waitFor(() => page.querySelector('.add-photo'), 'the listing form')
  phone.takePhotos(2)
  tap(page, '.add-photo')
  await waitFor(() => count(page, 'draft-photo--uploaded') === 2, 'both photos uploaded')
  // Each photo went up once, from the copy the app saved (WeChat clears temp files).
  expect(phone.uploads).toHaveLength(2)
  expect(phone.uploads.every((file) => file.includes('/saved/store_'))).toBe(true)
  // The previews come back from the server once uploaded.
  const previews = viewNodes(lastPage(), 'draft-photo__image')
  expect(previews).toHaveLength(2)

  tap(page, '.submit-listing')
  // Nothing typed yet: clear per-field errors, nothing sent.
  await waitFor(() => count(page, 'field-error') > 0, 'field errors')
  expect(text(page)).toContain('请填写')
  expect(await myListing('小程序羔羊肉')).toBeUndefined()

  await fillIn(page, '小程序羔羊肉')
  tap(page, '.submit-listing')
  const sent = await listingOnServer('小程序羔羊肉')
  expect(sent).toMatchObject({ status: 'pending_review', priceFen: 6850, unit: 'jin', unitWeightGrams: 500, stock: 20, category: 'lamb' })
  expect(sent.photos).toHaveLength(2)
  // Sent: the draft and the saved copies of the photos are gone from the phone.
  await waitFor(() => !phone.storage.has(draftKey), 'the draft forgotten')
  expect(phone.savedFiles()).toEqual([])
})

it('keeps the draft through a lost signal and a restart of the app, and sends no photo twice', async () => {
  const page = app.open(SELL)
  await waitFor(() => page.querySelector('.add-photo'), 'an empty listing form')
  expect(count(page, 'draft-restored')).toBe(0)
  const before = phone.uploads.length

  // The signal goes after the first photo is up.
  phone.dropSignalAfter = 1
  phone.takePhotos(2)
  tap(page, '.add-photo')
  await fillIn(page, '断网也不丢的羊肉')
  await waitFor(() => count(page, 'draft-photo--uploaded') === 1 && page.querySelector('.retry-upload'), 'the second upload waiting for the signal')
  expect(text(page)).toContain('网络断了，内容已保存在手机上')
  const kept = JSON.parse(phone.storage.get(draftKey)!)
  expect(kept.fields).toMatchObject({ title: '断网也不丢的羊肉', price: '68.5', stock: '20', category: 'lamb', unit: 'jin' })
  expect(kept.photos.map((p: { photoId: string | null }) => p.photoId !== null)).toEqual([true, false])

  // WeChat closes the app; the farmer opens it again later, with signal.
  phone.online = true
  phone.dropSignalAfter = null
  app = relaunchMiniProgram(server.url, phone.wx)
  const reopened = app.open(SELL)
  await waitFor(() => reopened.querySelector('.draft-restored'), 'the restored draft notice')
  const titleInput = viewNodes(lastPage(), 'input-title')[0]
  expect(JSON.stringify(titleInput)).toContain('断网也不丢的羊肉')
  await waitFor(() => count(reopened, 'draft-photo--uploaded') === 2, 'the second photo uploaded after the restart')
  const sentSince = phone.uploads.slice(before)
  // First photo once; second photo tried offline once, then once more after the restart.
  expect(new Set(sentSince).size).toBe(2)
  expect(sentSince.filter((file) => file === sentSince[0])).toHaveLength(1)

  tap(reopened, '.submit-listing')
  expect((await listingOnServer('断网也不丢的羊肉')).photos).toHaveLength(2)
  expect(phone.savedFiles()).toEqual([])
})
