import { seedId } from '../../server/ids'
import { workStrings } from '../../src/strings/work'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, relaunchMiniProgram, tap, text, type, waitFor } from './support/mini-program'
import { type Phone, createPhone, fetchJson, signInOnPhone } from './support/phone'

/* Content security in the compiled mini-program against the demo server, whose local checker
   refuses the demo's block-listed phrase 违禁测试词: the farmer sees the refusal beside the title
   she typed, nothing is saved; the cun xiao'er's review queue shows each photo's verdict, and a
   refused reject reason is said beside the reason. */

const SELL = 'packages/farmer/pages/sell/index'
const REVIEW = 'packages/operator/pages/review/index'
const FARMER = seedId('usr', 'wang-jianguo')
const OPERATOR = seedId('usr', 'op-shebiya')

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
const fieldError = (page: any, name: string) => page.querySelector(`.field-error--${name}`)

async function myListing(title: string) {
  const { items } = await fetchJson(`${server.url}/api/v1/my/listings?limit=100`, 'GET', undefined, token)
  return items.find((listing: { title: string }) => listing.title === title)
}

it('shows WeChat’s content refusal beside the title, saves nothing, and sends once it is changed', async () => {
  const page = app.open(SELL)
  await waitFor(() => page.querySelector('.add-photo'), 'the listing form')
  phone.takePhotos(1)
  tap(page, '.add-photo')
  await waitFor(() => count(page, 'draft-photo--uploaded') === 1, 'the photo uploaded')
  type(page, '.input-title', '违禁测试词羊肉')
  tap(page, '.choice-lamb')
  tap(page, '.choice-jin')
  await waitFor(() => page.querySelector('.input-unit-weight'), 'the unit weight field')
  type(page, '.input-price', '68.5')
  type(page, '.input-stock', '20')
  type(page, '.input-description', '六月龄羔羊')
  tap(page, '.submit-listing')

  const error = await waitFor(() => fieldError(page, 'title'), 'the refusal beside the title')
  expect(text(error)).toBe(workStrings.fieldErrors.contentRisky)
  expect(fieldError(page, 'description')).toBeFalsy()
  expect(await myListing('违禁测试词羊肉')).toBeUndefined()

  type(page, '.input-title', '内容安全羊肉')
  await waitFor(() => !fieldError(page, 'title'), 'the refusal cleared as she types')
  tap(page, '.submit-listing')
  for (let tries = 0; tries < 100 && !(await myListing('内容安全羊肉')); tries++) await new Promise((resolve) => setTimeout(resolve, 100))
  const sent = await myListing('内容安全羊肉')
  expect(sent.contentCheck).toMatchObject({ text: 'pass', photos: [{ check: 'pass' }] })
})

it('the review queue shows each photo’s verdict, and a refused reason beside the reason', async () => {
  const operatorPhone = createPhone(server.url)
  await signInOnPhone(server.url, operatorPhone, OPERATOR)
  app = relaunchMiniProgram(server.url, operatorPhone.wx)
  const page = app.open(REVIEW)
  await waitFor(() => text(page).includes('内容安全羊肉'), 'the new listing in the queue')
  expect(count(page, 'photo-check--pass')).toBeGreaterThan(0)
  expect(text(page)).toContain(workStrings.review.photoCheck.pass)

  const rejects = page.querySelectorAll('.reject-button')
  rejects[rejects.length - 1].dispatchEvent('tap')
  await waitFor(() => page.querySelector('.reject-reason-text'), 'the reject panel')
  type(page, '.reject-reason-text', '违禁测试词')
  tap(page, '.confirm-reject')
  const error = await waitFor(() => fieldError(page, 'reason'), 'the refusal beside the reason')
  expect(text(error)).toBe(workStrings.review.reasonRisky)
  expect((await myListing('内容安全羊肉')).status).toBe('pending_review')
  operatorPhone.close()
})
