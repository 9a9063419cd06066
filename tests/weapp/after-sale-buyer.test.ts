import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, type, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* 申请售后 on the buyer's order page, in the compiled mini-program against the real server: 陈晓
   picked her order up, the milk had turned, so on that line she picks 变质, writes a note, adds a
   photo and sends it; the case shows on the order as 处理中, and once the county declines it,
   with its reason. */

const ORDER = 'packages/buyer/pages/order/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder

beforeAll(async () => {
  server = await spawnDemoServer()
  journey = createJourney(server.url)
  const paid = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 2], ['milk-fresh', 3]])
  for (const parcel of paid.parcels) {
    await journey.collect(parcel.farmer.name === '王建国' ? 'op-shebiya' : 'op-xindianzi', parcel.id)
    await journey.receive('staff-gao', parcel.id)
  }
  const ready = await journey.order('buyer-chenxiao', paid.id)
  await journey.as('staff-gao', 'POST', '/pickups/verify', { orderId: ready.id, code: ready.pickupCode })
  order = await journey.order('buyer-chenxiao', paid.id)
  expect(order.status).toBe('picked_up')
  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('buyer-chenxiao'))
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('reports spoiled milk with a photo within 24 hours of pickup, and shows the decision', async () => {
  const page = app.open(ORDER, { id: order.id })
  await waitFor(() => page.querySelectorAll('.report-case').length === 2, '申请售后 on both lines')
  page.querySelectorAll('.report-case')[1].dispatchEvent('tap') // the milk's line
  const form = await waitFor(() => page.querySelector('.case-form'), 'the form')
  expect(text(form)).toContain('鲜牛奶（当日挤）')
  tap(page, '.case-kind--spoiled')
  type(page, '.case-form__note', '打开就酸了')
  phone.takePhotos(1)
  tap(page, '.case-form__add-photo')
  await waitFor(() => page.querySelector('.case-form__photo'), 'the photo')
  tap(page, '.case-form__submit')
  const item = await waitFor(() => page.querySelector('.case-item'), 'the case on the order')
  expect(text(item)).toContain('鲜牛奶（当日挤） · 变质')
  expect(text(item)).toContain('处理中')
  expect(text(item)).toContain('打开就酸了')
  expect(page.querySelectorAll('.case-item__photo')).toHaveLength(1)

  const { items } = await journey.as('staff-gao', 'GET', '/county/cases')
  await journey.as('staff-gao', 'POST', `/cases/${items[0].id}/decide`, { declineReason: '同批次其他买家没有问题' })
  const again = app.open(ORDER, { id: order.id })
  await waitFor(() => again.querySelector('.case-item__outcome') && text(again.querySelector('.case-item__outcome')).includes('不退款：同批次其他买家没有问题'), 'the decision shown')
})
