import { pickupQrText } from '../../src/domain/pickup-qr'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, type, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* After-sale at the county center, in the compiled mini-program against the real server: as 高志强
   hands 陈晓's order over, the lamb chops are short, so he taps 登记问题 on that line, picks
   缺斤少两, photographs the scale and sends it; on 售后处理 the case waits with what is left to
   refund, a refund of more than that never leaves the phone, and ¥20.00 is refunded. */

const VERIFY = 'packages/county/pages/verify/index'
const CASES = 'packages/county/pages/cases/index'

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
  order = await journey.order('buyer-chenxiao', paid.id)
  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('staff-gao'))
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    scanCode(options: { success?: (r: object) => void }) {
      setTimeout(() => options.success?.({ result: pickupQrText(order.id, order.pickupCode), scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' }), 0)
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('records a problem on a line at the handover, with a photo', async () => {
  const page = app.open(VERIFY)
  await waitFor(() => page.querySelector('.scan-code'), 'the scan button')
  tap(page, '.scan-code')
  await waitFor(() => page.querySelector('.handover .record-case'), 'the handover with 登记问题')
  tap(page, '.record-case')
  await waitFor(() => page.querySelector('.case-form'), 'the problem form')
  tap(page, '.case-form__submit')
  await waitFor(() => page.querySelector('.case-form__problem') && text(page.querySelector('.case-form__problem')).includes('请选择问题类型'), 'asked for the kind')
  tap(page, '.case-kind--short_weight')
  type(page, '.case-form__note', '称了只有 1.5 斤')
  phone.takePhotos(1)
  tap(page, '.case-form__add-photo')
  await waitFor(() => page.querySelector('.case-form__photo'), 'the photo of the scale')
  tap(page, '.case-form__submit')
  await waitFor(() => !page.querySelector('.case-form') && text(page.querySelector('.handover')).includes('已登记'), 'the problem recorded')
  expect(phone.uploads).toHaveLength(1)

  const { items } = await journey.as('staff-gao', 'GET', '/county/cases')
  expect(items).toEqual([expect.objectContaining({ orderId: order.id, title: '草原羔羊肉 羊排', kind: 'short_weight', note: '称了只有 1.5 斤', reportedBy: 'county_staff', status: 'reported', refundableFen: 13600 })])
  expect(items[0].photos).toHaveLength(1)
})

it('refunds part of the line from 售后处理, never more than is left', async () => {
  const page = app.open(CASES)
  const card = await waitFor(() => page.querySelector('.county-case'), 'the open case')
  expect(text(card)).toContain('缺斤少两')
  expect(text(card)).toContain('最多可退 ¥136.00')
  type(page, '.refund-yuan', '136.01')
  tap(page, '.refund-case')
  await waitFor(() => page.querySelector('.decision-error') && text(page.querySelector('.decision-error')).includes('最多还能退 ¥136.00'), 'too much refused on the phone')
  type(page, '.refund-yuan', '20.00')
  tap(page, '.refund-case')
  await waitFor(() => !page.querySelector('.county-case') && text(page.querySelector('.case-list')).includes('退款 ¥20.00'), 'the case decided')

  const seen = await journey.order('buyer-chenxiao', order.id)
  expect((seen as any).cases).toEqual([expect.objectContaining({ status: 'refunded', refundFen: 2000, refund: { status: 'succeeded' } })])
})
