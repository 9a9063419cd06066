import path from 'node:path'
import Database from 'better-sqlite3'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, relaunchMiniProgram, tap, text, type, waitFor } from './support/mini-program'
import { type JourneyOrder, createJourney, demoUser } from './support/parcel-journey'
import { type Phone, createPhone, signInOnPhone } from './support/phone'

/* The county's money pages in the compiled mini-program against the real server, its jobs
   running as `npm start` runs them (dev login, no WeChat Pay: the sandbox pays a transfer at
   once). 陈晓 picks up 王建国's lamb chops; nothing is payable inside the 24-hour after-sale
   window, so 生成转账批次 says so. The test then moves that pickup 25 hours back in the database
   (the one clock the API cannot move) and the server's own jobs settle the sale. 高志强 draws up a
   run and is told a second clerk must approve it; 李春梅 approves it: 王建国 (signed in with
   WeChat) is paid by the sandbox, the cun xiao'er (no WeChat) waits for cash, which 李春梅 records
   with a receipt number for 高志强 to confirm. 发货信息异常 is empty until an upload WeChat refused
   is written into the outbox the way the jobs leave one (WeChat Pay is off here, so no upload is
   ever made for real). On 售后处理 李春梅 refunds a broken bottle as the transport's fault. */

const PAYOUTS = 'packages/county/pages/payouts/index'
const SHIPPING = 'packages/county/pages/shipping/index'
const CASES = 'packages/county/pages/cases/index'
const WANG_USER = demoUser('wang-jianguo')

let server: SpawnedServer
let db: Database.Database
let phone: Phone
let app: MiniProgram
let journey: ReturnType<typeof createJourney>
let order: JourneyOrder

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString()

beforeAll(async () => {
  server = await spawnDemoServer({ XIANGJI_JOBS_INTERVAL_MS: '300' })
  db = new Database(path.join(server.dataDir, 'xiangji.db'))
  db.pragma('busy_timeout = 5000')
  journey = createJourney(server.url)
  const paid = await journey.paidOrder('buyer-chenxiao', [['lamb-chops', 1]])
  await journey.collect('op-shebiya', paid.parcels[0].id)
  await journey.receive('staff-gao', paid.parcels[0].id)
  order = await journey.order('buyer-chenxiao', paid.id)
  await journey.as('staff-gao', 'POST', '/pickups/verify', { code: order.pickupCode })
  // 王建国 signed in with WeChat once: his payout goes by transfer; the cun xiao'er never did.
  db.prepare('UPDATE users SET wechat_openid = ? WHERE id = ?').run('o-demo-wang', WANG_USER)

  phone = createPhone(server.url)
  await signInOnPhone(server.url, phone, demoUser('staff-gao'))
  app = launchMiniProgram(server.url, phone.wx)
}, 90_000)

afterAll(async () => {
  db?.close()
  await server?.close()
  phone?.close()
})

it('says nothing is payable while the sale is inside its after-sale window', async () => {
  const page = app.open(PAYOUTS)
  await waitFor(() => page.querySelector('.state-view--empty'), 'no run yet')
  tap(page, '.draft-run')
  await waitFor(() => page.querySelector('.draft-problem'), 'the answer to 生成转账批次')
  expect(text(page.querySelector('.draft-problem'))).toBe('没有可转账的款项')
  expect(page.querySelector('.run-card')).toBeUndefined()
})

it('高志强 draws up a run and is told a second clerk approves it', async () => {
  db.prepare('UPDATE orders SET ended_at = ? WHERE id = ?').run(hoursAgo(25), order.id)
  await waitFor(() => (db.prepare('SELECT settled_at FROM orders WHERE id = ?').get(order.id) as { settled_at: string | null }).settled_at, 'the server’s jobs to settle the sale', 15_000)

  const page = app.open(PAYOUTS)
  await waitFor(() => page.querySelector('.draft-run'), 'the page')
  tap(page, '.draft-run')
  const card = await waitFor(() => page.querySelector('.run-card--awaiting_approval'), 'the run drawn up')
  expect(text(card)).toContain('待批准')
  expect(text(card)).toContain('县小二 高志强 生成于')
  expect(text(card)).toContain('王建国 · 农户')
  expect(text(card)).toContain('村小二')
  expect(page.querySelector('.approve-run')).toBeUndefined()
  expect(text(page.querySelector('.second-clerk'))).toBe('需另一位县小二批准')
  expect(page.querySelector('.reject-run')).toBeDefined()

  const { items } = await journey.as('staff-gao', 'GET', '/county/payout-runs')
  expect(items).toEqual([expect.objectContaining({ status: 'awaiting_approval', createdBy: demoUser('staff-gao') })])
})

it('李春梅 approves it: the sandbox pays 王建国, the cun xiao’er’s cash is recorded for 高志强 to confirm', async () => {
  await signInOnPhone(server.url, phone, demoUser('staff-li'))
  app = relaunchMiniProgram(server.url, phone.wx)
  let page = app.open(PAYOUTS)
  await waitFor(() => page.querySelector('.approve-run'), 'the approve button for the second clerk')
  tap(page, '.approve-run')
  await waitFor(() => page.querySelector('.run-card--approved'), 'the run approved')
  expect(text(page.querySelector('.run-card--approved'))).toContain('县小二 李春梅 批准于')

  // The server's jobs send it; the sandbox pays at once.
  const payouts = async () => (await journey.as('staff-li', 'GET', '/county/payout-runs')).items[0].payouts as any[]
  const wangPaid = async () => (await payouts()).find((p) => p.payeeName === '王建国')?.status === 'paid'
  for (let i = 0; i < 100 && !(await wangPaid()); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  expect((await payouts()).find((p) => p.payeeName === '王建国')).toMatchObject({ status: 'paid', method: 'wechat' })

  page = app.open(PAYOUTS)
  // The page shows what it read last until the runs come again.
  const wang = await waitFor(() => page.querySelectorAll('.payout-row--paid').find((row: any) => text(row).includes('王建国')), '王建国’s payout paid')
  expect(text(wang)).toContain('微信转账 · 已到账')
  const cash = page.querySelector('.payout-row--to_hand_over')
  expect(text(cash)).toContain('线下付款 · 待付款')

  tap(page, '.record-offline')
  await waitFor(() => page.querySelector('.payout-problem'), 'the empty reference refused')
  expect(text(page.querySelector('.payout-problem'))).toBe('请填写付款凭据（现金收据号或银行流水号）')
  type(page, '.offline-reference', '现金 收据0012')
  tap(page, '.record-offline')
  const recorded = await waitFor(() => page.querySelector('.payout-row--awaiting_offline_approval'), 'the cash recorded')
  expect(text(recorded)).toContain('付款凭据：现金 收据0012')
  expect(text(recorded)).toContain('需另一位县小二确认')
  expect(page.querySelector('.confirm-offline')).toBeUndefined()

  // 高志强, the second clerk for this one, confirms it.
  const payoutId = (await payouts()).find((p) => p.status === 'awaiting_offline_approval').id
  expect(await journey.as('staff-gao', 'POST', `/payouts/${payoutId}/approve-offline`)).toMatchObject({ status: 'paid', offlineReference: '现金 收据0012' })
})

it('发货信息异常 shows 全部已上传, then an upload WeChat refused, with its error', async () => {
  let page = app.open(SHIPPING)
  await waitFor(() => page.querySelector('.all-uploaded'), 'the empty state')
  expect(text(page.querySelector('.all-uploaded'))).toContain('全部已上传')

  // What the jobs leave after WeChat refused the last of 8 tries (message-outbox.ts: 3 h after the 8th try).
  const lastTry = hoursAgo(1)
  const next = new Date(Date.parse(lastTry) + 3 * 3600_000).toISOString()
  db.prepare('INSERT INTO shipping_uploads (id, order_id, status, attempts, last_error, next_attempt_at, sent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(
    'shp_weapp_refused',
    order.id,
    'failed',
    8,
    'errcode 10060004: order not exist',
    next,
    hoursAgo(30),
  )
  page = app.open(SHIPPING)
  const row = await waitFor(() => page.querySelector('.stuck-upload'), 'the refused upload')
  expect(text(row)).toContain(`订单号 ${order.number}`)
  expect(text(row)).toContain('微信错误码 10060004')
  expect(text(row)).toContain('order not exist')
  expect(text(row)).toContain('已尝试 8 次')
  expect(text(row)).toContain('最后一次：')
})

it('售后处理 refunds a case as the transport’s fault', async () => {
  const paid = await journey.paidOrder('buyer-chenxiao', [['milk-fresh', 2]])
  await journey.collect('op-xindianzi', paid.parcels[0].id)
  await journey.receive('staff-gao', paid.parcels[0].id)
  const milk = paid.parcels[0]
  const listingId = (await journey.as('staff-gao', 'GET', '/county/pickups')).items.find((o: any) => o.id === paid.id).lines[0].listingId
  await journey.as('staff-gao', 'POST', `/orders/${paid.id}/cases`, { listingId, kind: 'damaged', note: '瓶子在路上碎了', photoIds: [] })
  expect(milk.farmer.name).toBe('李秀英')

  const page = app.open(CASES)
  await waitFor(() => page.querySelector('.county-case'), 'the open case')
  expect(text(page.querySelector('.county-case__fault-hint'))).toBe('退款从农户货款中扣除')
  tap(page, '.fault-transport')
  await waitFor(() => text(page.querySelector('.county-case__fault-hint')) === '退款由县里承担，不扣农户货款', 'transport chosen')
  type(page, '.refund-yuan', '5')
  tap(page, '.refund-case')
  await waitFor(() => !page.querySelector('.county-case') && page.querySelector('.case-item__fault'), 'the case decided')
  expect(text(page.querySelector('.case-item__fault'))).toContain('运输责任')

  const { items } = await journey.as('staff-li', 'GET', '/county/cases')
  expect(items.find((c: any) => c.orderId === paid.id)).toMatchObject({ status: 'refunded', refundFen: 500, fault: 'transport' })
})
