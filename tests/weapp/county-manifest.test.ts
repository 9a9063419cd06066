import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* 集货清单 in the compiled mini-program against the real server: 王建国's lamb chops are paid and
   collected at 舍必崖村. The county staff member 高志强 opens the manifest, which opens on that
   parcel's run (the earliest run with parcels on their way, the server's choice), taps 收货, and
   takes it back with 撤销: the parcel is on its way again and the order still paid. */

const MANIFEST = 'packages/county/pages/manifest/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder

beforeAll(async () => {
  server = await spawnDemoServer()
  journey = createJourney(server.url)
  order = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 2]])
  await journey.collect('op-shebiya', order.parcels[0].id)
  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('staff-gao'))
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('opens on the run with the parcel on its way, 收货 receives it and 撤销 takes that back', async () => {
  const [lamb] = order.parcels
  const runDate = lamb.collectionRunDate!
  const page = app.open(MANIFEST)
  const card = await waitFor(() => page.querySelector('.manifest-parcel--collected'), 'the parcel on its run')
  expect(text(page.querySelector('.run-date__shown'))).toContain(`${Number(runDate.slice(5, 7))}月${Number(runDate.slice(8, 10))}日`)
  expect(text(card)).toContain('王建国')
  expect(page.querySelector('.undo-parcel')).toBeFalsy()

  tap(page, '.receive-parcel')
  await waitFor(() => page.querySelector('.manifest-parcel--received'), 'the parcel received')
  const undo = await waitFor(() => page.querySelector('.undo-parcel'), 'the undo button')
  expect(text(undo)).toBe('撤销')
  // The order's only parcel: it was ready for pickup.
  expect((await journey.order('buyer-chenxiao', order.id)).status).toBe('ready_for_pickup')

  tap(page, '.undo-parcel')
  await waitFor(() => page.querySelector('.manifest-parcel--collected'), 'the parcel on its way again')
  expect(page.querySelector('.undo-parcel')).toBeFalsy()
  expect(page.querySelector('.receive-parcel')).toBeTruthy()
  const after = await journey.order('buyer-chenxiao', order.id)
  expect(after.status).toBe('paid')
  expect(after.parcels[0].status).toBe('collected')
  expect(after.timeline.map((e) => e.kind).slice(-2)).toEqual(['ready_for_pickup', 'parcel_receive_undone'])
}, 60_000)
