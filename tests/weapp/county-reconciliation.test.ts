import fs from 'node:fs'
import { chinaMonth } from '../../src/domain/china-time'
import { formatYuan } from '../../src/domain/money'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, waitFor } from './support/mini-program'
import { createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* 月度对账 in the compiled mini-program against the real server: an order of 王建国's lamb chops
   (舍必崖村) and 李秀英's milk (新店子村) is paid, collected, received and handed over; county staff
   高志强 opens the month's reconciliation and sees the county's totals and one card per village,
   each marked as balanced to the fen, with the server's figures; the CSV goes into a WeChat chat. */

const RECONCILIATION = 'packages/county/pages/reconciliation/index'

let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let figures: any
const shared: { fileName: string; text: string }[] = []
const month = chinaMonth(new Date())

beforeAll(async () => {
  server = await spawnDemoServer()
  const journey = createJourney(server.url)
  const paid = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 2], ['milk-fresh', 3]])
  for (const parcel of paid.parcels) {
    await journey.collect(parcel.farmer.name === '王建国' ? 'op-shebiya' : 'op-xindianzi', parcel.id)
    await journey.receive('staff-gao', parcel.id)
  }
  const ready = await journey.order('buyer-chenxiao', paid.id)
  await journey.as('staff-gao', 'POST', '/pickups/verify', { code: (ready as any).pickupCode })
  figures = await journey.as('staff-gao', 'GET', `/county/reconciliation?month=${month}`)

  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('staff-gao'))
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    shareFileMessage(options: { filePath: string; fileName: string; success?: (r: object) => void }) {
      shared.push({ fileName: options.fileName, text: fs.readFileSync(options.filePath, 'utf8') })
      setTimeout(() => options.success?.({ errMsg: 'shareFileMessage:ok' }), 0)
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  phone?.close()
})

it('is one of the county staff’s doors on the Me page', async () => {
  const me = app.open('pages/me/index')
  const entry = await waitFor(() => me.querySelector('.role-entry--reconciliation'), 'the 月度对账 entry')
  expect(text(entry)).toContain('月度对账')
})

it('shows the county’s totals and every village, each balanced to the fen, and sends the CSV', async () => {
  expect(figures.totals.orderCount).toBeGreaterThanOrEqual(1)
  const page = app.open(RECONCILIATION)
  const totals = await waitFor(() => page.querySelector('.reconciliation-totals'), 'the county’s totals')
  expect(text(totals)).toContain('全县合计')
  expect(text(totals)).toContain('✓ 平')
  expect(text(page.querySelector('.reconciliation-totals .reconciliation-figure--received'))).toContain(formatYuan(figures.totals.receivedFen))
  expect(text(page.querySelector('.reconciliation-totals .reconciliation-figure--shipping'))).toContain(formatYuan(figures.totals.shippingFen))
  expect(text(page.querySelector('.reconciliation-balance--pending'))).toContain(formatYuan(figures.pendingFen))

  const cards = page.querySelectorAll('.reconciliation-village')
  // The totals card first, then one per village, in the server's order.
  expect(cards).toHaveLength(figures.lines.length + 1)
  figures.lines.forEach((line: any, i: number) => {
    const card = text(cards[i + 1])
    expect(card).toContain(line.villageName)
    expect(card).toContain('✓ 平')
    expect(card).toContain(`${line.orderCount} 单`)
    expect(card).toContain(formatYuan(line.receivedFen))
  })
  const shebiya = figures.lines.find((l: any) => l.villageName === '舍必崖村')
  expect(shebiya.receivedFen).toBeGreaterThan(0)

  tap(page, '.save-reconciliation')
  await waitFor(() => shared.length === 1, 'the share sheet')
  expect(shared[0].fileName).toBe(`对账-${month}.csv`)
  expect(shared[0].text.startsWith('\uFEFF村,订单数')).toBe(true)
  expect(shared[0].text).toContain(`合计,${figures.totals.orderCount},${formatYuan(figures.totals.receivedFen).replace('¥', '')}`)
})
