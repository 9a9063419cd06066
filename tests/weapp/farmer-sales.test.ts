import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, text, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* 我卖出的 in the compiled mini-program against the real server: a buyer pays for 李秀英's 奶皮子;
   我的 shows her one line to hand in, and the page shows it on its run, with where and by when
   to hand it in and what it brings. Once the cun xiao'er has it, the page says so. */

const SALES = 'packages/farmer/pages/sales/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder

beforeAll(async () => {
  server = await spawnDemoServer()
  journey = createJourney(server.url)
  order = await journey.paidOrder('buyer-chenxiao', [['milk-skin', 2]])
  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('li-xiuying'))
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('counts what she has to hand in on 我的', async () => {
  const me = app.open('pages/me/index')
  const badge = await waitFor(() => me.querySelector('.to-hand-in-badge'), 'the hand-in badge')
  expect(text(badge)).toBe('1 样待交')
  expect(me.querySelector('.role-entry--my-sales')).toBeTruthy()
}, 30_000)

it('shows the sold line on its run with where and by when to hand it in, then follows it', async () => {
  const [parcel] = order.parcels
  const page = app.open(SALES)
  const run = await waitFor(() => page.querySelector('.sales-run'), 'the run')
  const shown = text(run)
  expect(shown).toContain('奶皮子')
  expect(shown).toContain('2 斤')
  expect(shown).toContain('¥120.00')
  expect(shown).toContain('待交货')
  expect(shown).toMatch(/\d+月\d+日（周.）晚上8点前交到新店子村服务站/)
  expect(shown).toContain('还有 1 样要交')
  expect(text(page)).not.toContain('陈晓')

  await journey.collect('op-xindianzi', parcel.id)
  // Opened again: what the server now has.
  const again = app.open(SALES)
  await waitFor(() => text(again).includes('已交到服务站'), 'the line handed in')
  expect(text(again)).toContain('都交了')
}, 30_000)
