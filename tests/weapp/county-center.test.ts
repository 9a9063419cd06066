import fs from 'node:fs'
import { chinaMonth } from '../../src/domain/china-time'
import { pickupQrText } from '../../src/domain/pickup-qr'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, type, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* The county center's pages in the compiled mini-program against the real server: 核销取货 and
   运费补贴月报. An order of 王建国's lamb chops
   (舍必崖村) and 李秀英's milk (新店子村) is paid, collected at both villages and received at the
   county center. The county staff member 高志强 scans the buyer's QR code with WeChat's scanner
   (camera only, QR codes only): the server hands the order over and the page says what to give,
   line by line with quantities, and from which parcels. A typed wrong code, another QR code and
   the same order scanned twice are each explained. Then the month's subsidy report, with that
   order in it, goes into a WeChat chat as the CSV the server wrote. */

const VERIFY = 'packages/county/pages/verify/index'
const PICKUPS = 'packages/county/pages/pickups/index'
const REPORT = 'packages/county/pages/report/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder
const scans: Record<string, unknown>[] = []
const shared: { filePath: string; fileName: string; text: string }[] = []
let nextScan: () => string = () => ''

beforeAll(async () => {
  server = await spawnDemoServer()
  journey = createJourney(server.url)
  const paid = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 2], ['milk-fresh', 3]])
  const lamb = paid.parcels.find((p) => p.farmer.name === '王建国')!
  const milk = paid.parcels.find((p) => p.farmer.name === '李秀英')!
  await journey.collect('op-shebiya', lamb.id)
  await journey.collect('op-xindianzi', milk.id)
  await journey.receive('staff-gao', lamb.id)
  await journey.receive('staff-gao', milk.id)
  order = await journey.order('buyer-chenxiao', paid.id)
  expect(order.status).toBe('ready_for_pickup')

  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('staff-gao'))
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    // WeChat's scanner, pointed at whatever the test holds up to it.
    scanCode(options: Record<string, unknown> & { success?: (r: object) => void }) {
      scans.push({ onlyFromCamera: options.onlyFromCamera, scanType: options.scanType })
      const result = nextScan()
      setTimeout(() => options.success?.({ result, scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' }), 0)
    },
    // The chat picker, where the staff member picks 文件传输助手: what was sent, as it was on the phone.
    shareFileMessage(options: { filePath: string; fileName: string; success?: (r: object) => void }) {
      shared.push({ filePath: options.filePath, fileName: options.fileName, text: fs.readFileSync(options.filePath, 'utf8') })
      setTimeout(() => options.success?.({ errMsg: 'shareFileMessage:ok' }), 0)
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

const errorOn = (page: any) => {
  const node = page.querySelector('.verify-error')
  return node ? text(node) : ''
}

it('lists the order waiting at the center', async () => {
  const page = app.open(PICKUPS)
  const row = await waitFor(() => page.querySelector('.pickup-order'), 'the order waiting')
  expect(text(row)).toContain('陈晓')
  expect(text(row)).toContain('草原羔羊肉 羊排')
  expect(text(row)).toContain('鲜牛奶（当日挤）')
  expect(order.number).toMatch(/^\d{4}-\d{3,}$/)
  expect(text(row)).toContain(`订单号 ${order.number}`)
})

it('finds the order by the number the buyer reads out, typed any way, without handing it over', async () => {
  const page = app.open(PICKUPS)
  await waitFor(() => page.querySelector('.number-input'), 'the number field')
  type(page, '.number-input', 'abc')
  tap(page, '.find-order')
  await waitFor(() => text(page).includes('订单号是 4 位日期加序号'), 'not a number explained')

  type(page, '.number-input', ` ${order.number!.replace('-', ' ')} `)
  tap(page, '.find-order')
  const found = await waitFor(() => page.querySelector('.pickup-order--found'), 'the order found')
  expect(text(found)).toContain(`订单号 ${order.number}`)
  expect(text(found)).toContain('陈晓')
  expect(text(found)).toContain('请买家出示取货码')
  expect((await journey.order('buyer-chenxiao', order.id)).status).toBe('ready_for_pickup')

  tap(page, '.clear-find')
  await waitFor(() => !page.querySelector('.pickup-order--found') && page.querySelector('.pickup-order'), 'the waiting list again')
})

it('hands the order over by its QR code: every line with its quantity, and the parcels', async () => {
  const page = app.open(VERIFY)
  await waitFor(() => page.querySelector('.scan-code'), 'the scan button')
  nextScan = () => pickupQrText(order.id, order.pickupCode)
  tap(page, '.scan-code')
  const handover = await waitFor(() => page.querySelector('.handover'), 'the handover')
  expect(scans).toEqual([{ onlyFromCamera: true, scanType: ['qrCode'] }])

  const lines = page.querySelectorAll('.handover-line').map((line: any) => text(line))
  expect(lines).toHaveLength(2)
  expect(lines[0]).toContain('草原羔羊肉 羊排')
  expect(lines[0]).toContain('2 斤')
  expect(lines[1]).toContain('鲜牛奶（当日挤）')
  expect(lines[1]).toContain('3 升')
  expect(text(handover)).toContain('陈晓（呼和浩特）')
  expect(text(handover)).toContain('舍必崖村 · 王建国')
  expect(text(handover)).toContain('新店子村 · 李秀英')
  expect(text(page.querySelector('.handover__number'))).toBe(`订单号 ${order.number}`)

  // The server handed it over: the buyer's order is picked up.
  expect((await journey.order('buyer-chenxiao', order.id)).status).toBe('picked_up')

  tap(page, '.handover-done')
  await waitFor(() => !page.querySelector('.handover') && page.querySelector('.code-input'), 'the desk ready for the next buyer')
})

it('explains a typed wrong code, another QR code, and an order already handed over', async () => {
  const page = app.open(VERIFY)
  await waitFor(() => page.querySelector('.code-input'), 'the code field')
  const wrong = String((Number(order.pickupCode) + 1) % 1_000_000).padStart(6, '0')
  type(page, '.code-input', wrong)
  tap(page, '.verify-code')
  await waitFor(() => errorOn(page).includes('取货码不对'), 'the wrong code explained')
  expect(page.querySelector('.handover')).toBeFalsy()

  nextScan = () => 'https://u.wechat.com/EFxyz-contact'
  tap(page, '.scan-code')
  await waitFor(() => errorOn(page).includes('不是乡集的取货二维码'), 'another QR code explained')

  nextScan = () => pickupQrText(order.id, order.pickupCode)
  tap(page, '.scan-code')
  await waitFor(() => errorOn(page).includes('已经取过货了'), 'the second handover refused')
  expect(page.querySelector('.handover')).toBeFalsy()
})

it('sends the month’s subsidy report, with the order in it, into a WeChat chat as the server wrote it', async () => {
  const month = chinaMonth(new Date())
  const served: string = await journey.as('staff-gao', 'GET', `/county/reports/subsidy?month=${month}`)
  expect(served).toContain(order.id)
  const totals = served.trim().split('\r\n').pop()!.split(',')

  const page = app.open(REPORT)
  const figures = await waitFor(() => page.querySelector('.report-figures'), 'the month’s figures')
  expect(text(figures)).toContain(`共 ${totals[0].match(/\d+/)![0]} 单`)
  expect(text(page.querySelector('.report-figure--subsidy'))).toContain(`¥${totals[5]}`)
  expect(text(page)).toContain('文件传输助手')

  tap(page, '.save-report')
  await waitFor(() => shared.length === 1, 'the share sheet')
  expect(shared[0].fileName).toBe(`运费补贴-${month}.csv`)
  expect(shared[0].filePath.endsWith(`/usr/运费补贴-${month}.csv`)).toBe(true)
  // With the byte order mark, once, whether or not the text still carried it.
  expect(shared[0].text).toBe('\uFEFF' + served.replace(/^\uFEFF/, ''))
})
