import { addChinaDays, chinaDate } from '../../src/domain/china-time'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* 今日待收包裹 in the compiled mini-program against the real server: a buyer's paid order of
   王建国's lamb chops is on the collection run of the day after payment (or the day after that,
   past 16:00 China time). The cun xiao'er of his village, 白丽娟, opens the page on that run (the
   server's choice), finds it under his name, taps 已收到, and the server has it collected; 撤销
   takes it back. */

const PARCELS = 'packages/operator/pages/parcels/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder

beforeAll(async () => {
  server = await spawnDemoServer()
  journey = createJourney(server.url)
  order = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 2]])
  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('op-shebiya'))
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})


it('opens on the paid parcel’s run, 已收到 collects it, and 撤销 takes that back', async () => {
  const [lamb] = order.parcels
  const runDate = lamb.collectionRunDate
  const today = chinaDate(new Date())
  expect(lamb.farmer.name).toBe('王建国')
  expect([addChinaDays(today, 1), addChinaDays(today, 2)]).toContain(runDate)

  const page = app.open(PARCELS)
  // It opens on the next run with parcels to collect (the server's choice), not on today's.
  const card = await waitFor(() => page.querySelector('.village-parcel--awaiting_collection'), 'the parcel on its run')
  expect(text(page.querySelector('.run-date__shown'))).toContain(`${Number(runDate.slice(5, 7))}月${Number(runDate.slice(8, 10))}日`)
  expect(text(page.querySelector('.parcel-farmer'))).toBe('王建国')
  expect(text(card)).toContain('草原羔羊肉 羊排')
  expect(text(card)).toContain('2 斤')
  expect(text(card)).toContain('公斤')
  expect(text(card)).toContain(`订单号 ${order.number}`)
  expect(text(page)).toContain('共 1 件包裹，已收 0 件')
  expect(page.querySelector('.undo-parcel')).toBeFalsy()

  tap(page, '.collect-parcel')
  await waitFor(() => page.querySelector('.village-parcel--collected'), 'the parcel shown collected')
  expect(page.querySelector('.collect-parcel')).toBeFalsy()
  expect(text(page)).toContain('共 1 件包裹，已收 1 件')

  // The server has it: the village's run and the buyer's order both say so, naming the farmer.
  const run = await journey.as('op-shebiya', 'GET', `/village/parcels?date=${runDate}`)
  expect(run.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([[lamb.id, 'collected']])
  const seen = await journey.order('buyer-chenxiao', order.id)
  expect(seen.parcels[0].status).toBe('collected')
  expect(seen.timeline.find((e) => e.kind === 'parcel_collected')?.farmer?.name).toBe('王建国')

  // A slip of the thumb: 撤销, there for the 10 minutes after, puts it back to collect.
  const undo = await waitFor(() => page.querySelector('.undo-parcel'), 'the undo button')
  expect(text(undo)).toBe('撤销')
  tap(page, '.undo-parcel')
  await waitFor(() => page.querySelector('.village-parcel--awaiting_collection'), 'the parcel waiting again')
  expect(page.querySelector('.undo-parcel')).toBeFalsy()
  expect(page.querySelector('.collect-parcel')).toBeTruthy()
  const undone = await journey.order('buyer-chenxiao', order.id)
  expect(undone.parcels[0].status).toBe('awaiting_collection')
  expect(undone.timeline.map((e) => e.kind)).toContain('parcel_collect_undone')

  // 明天 and 今天 stay one tap away.
  tap(page, '.date-today')
  await waitFor(() => text(page).includes('这一天没有要收的包裹'), 'today’s empty run')
}, 60_000)
