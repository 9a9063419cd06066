import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { seedId } from '../../server/ids'
import { formatYuan } from '../../src/domain/money'
import { FAKE_APPID, FAKE_MCHID, type FakeWeChatPay, startFakeWeChatPay } from '../server/support/fake-wechatpay-server'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, relaunchMiniProgram, tap, text, waitFor } from './support/mini-program'
import { demoUser } from './support/parcel-journey'
import { type Phone, createPhone, fetchJson, signInOnPhone } from './support/phone'

/* 我的收入 in the compiled mini-program against the real server, whose WeChat Pay is a fake: 王建国's
   settled sale went out in an approved payout run as a transfer bill now waiting for him
   (tests/support/payout-demo-server-main.ts readies that through the real routes and jobs). He
   opens 我的收入 and sees his balances and the month's lines by order number; he taps 确认收款 and
   closes WeChat's sheet: nothing is lost and the button stays; he taps again and accepts: WeChat
   Pay notifies the server, the page reads again and shows the money arrived. Then the cun
   xiao'er of his village opens his own commission and 王建国's statement. */

const INCOME = 'packages/farmer/pages/income/index'
const OPERATOR_INCOME = 'packages/operator/pages/income/index'
const FARMER_INCOME = 'packages/operator/pages/farmer-income/index'
const WANG = seedId('frm', 'wang-jianguo')

let wechatPay: FakeWeChatPay
let keyDir: string
let server: SpawnedServer
let phone: Phone
let app: MiniProgram
let wangToken: string
const sheets: { mchId: string; appId: string; package: string }[] = []
let acceptSheet = false

/** WeChat Pay's notification, delivered to the server as WeChat would (node:http: no fetch in jsdom). */
function deliver(notification: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/api/v1/payouts/wechat/notify`, { method: 'POST', headers: notification.headers }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('error', reject)
    request.end(notification.body)
  })
}

const statement = () => fetchJson(`${server.url}/api/v1/my/statement`, 'GET', undefined, wangToken)
const payouts = () => fetchJson(`${server.url}/api/v1/my/payouts`, 'GET', undefined, wangToken)

beforeAll(async () => {
  wechatPay = await startFakeWeChatPay()
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-wxpay-'))
  server = await spawnDemoServer(wechatPay.environment('https://xiangji.example/api/v1/payments/wechat/notify', keyDir), 'payout-demo-server-main.ts')
  phone = createPhone(server.url)
  // His session from before WeChat knew him (dev login is for demo users without WeChat), kept on this phone.
  wangToken = /WANG_SESSION (\S+)/.exec(server.output)![1]
  phone.storage.set('xiangji.token', wangToken)
  phone.storage.set('xiangji.user', JSON.stringify(await fetchJson(`${server.url}/api/v1/me`, 'GET', undefined, wangToken)))
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    // WeChat's 确认收款 sheet: closed the first time, accepted the second.
    requestMerchantTransfer(options: { mchId: string; appId: string; package: string; success?: (r: object) => void; fail?: (r: object) => void }) {
      sheets.push({ mchId: options.mchId, appId: options.appId, package: options.package })
      if (!acceptSheet) {
        setTimeout(() => options.fail?.({ errMsg: 'requestMerchantTransfer:fail cancel' }), 0)
        return
      }
      const bill = [...wechatPay.transfers.bills.values()].find((b) => b.packageInfo === options.package)
      if (!bill) {
        setTimeout(() => options.fail?.({ errMsg: 'requestMerchantTransfer:fail invalid package' }), 0)
        return
      }
      void deliver(wechatPay.transfers.confirm(bill.outBillNo)).then((status) => {
        expect(status).toBe(204)
        options.success?.({ errMsg: 'requestMerchantTransfer:ok' })
      })
    },
  })
}, 120_000)

afterAll(async () => {
  await server?.close()
  await wechatPay?.close()
  phone?.close()
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true })
})

it('has a door to 我的收入 on 我的', async () => {
  const me = app.open('pages/me/index')
  const entry = await waitFor(() => me.querySelector('.role-entry--my-income'), 'the 我的收入 entry')
  expect(text(entry)).toContain('我的收入')
}, 30_000)

it('shows his balances and the month’s lines by order number, and the transfer waiting for him', async () => {
  const [now, mine] = await Promise.all([statement(), payouts()])
  const waiting = mine.items.find((p: { status: string }) => p.status === 'awaiting_confirmation')
  expect(waiting).toBeTruthy()
  expect(now.inFlightFen).toBe(waiting.amountFen)
  expect(now.pendingFen).toBeGreaterThan(0)
  const numbers = [...new Set(now.lines.map((l: { orderNumber: string | null }) => l.orderNumber).filter(Boolean))] as string[]
  expect(numbers).toHaveLength(2)

  const page = app.open(INCOME)
  await waitFor(() => page.querySelector('.payout-list') && page.querySelector('.confirm-transfer'), 'the statement and the confirm button')
  expect(text(page.querySelector('.payable-amount'))).toBe(formatYuan(now.payableFen))
  expect(text(page.querySelector('.pending-amount'))).toBe(formatYuan(now.pendingFen))
  expect(text(page.querySelector('.in-flight-amount'))).toBe(formatYuan(waiting.amountFen))
  expect(text(page.querySelector('.paid-out-amount'))).toBe('¥0.00')
  expect(text(page.querySelector('.income-balances'))).toContain('收货后24小时售后期结束才能结算')
  const sales = text(page.querySelector('.statement-group--sale'))
  expect(sales).toContain('货款')
  for (const number of numbers) expect(sales).toContain(`订单 ${number}`)
  expect(text(page.querySelector('.statement-group--commission'))).toMatch(/服务站佣金[\s\S]*-¥\d+\.\d\d/)
  expect(text(page.querySelector('.statement-group--payout'))).toContain(`-${formatYuan(waiting.amountFen)}`)
  expect(text(page.querySelector('.transfer-confirm'))).toContain(`有一笔 ${formatYuan(waiting.amountFen)} 的转账等您确认收款`)
  expect(text(page.querySelector('.payout-list'))).toContain('等您确认收款 · 微信转账')
}, 30_000)

it('a closed sheet loses nothing; accepted, the server hears from WeChat Pay and the page shows the money arrived', async () => {
  const waiting = (await payouts()).items.find((p: { status: string }) => p.status === 'awaiting_confirmation')
  const page = app.open(INCOME)
  await waitFor(() => page.querySelector('.confirm-transfer'), 'the confirm button')

  tap(page, '.confirm-transfer')
  await waitFor(() => page.querySelector('.transfer-confirm__message--cancelled'), 'the cancelled message')
  expect(text(page.querySelector('.transfer-confirm__message--cancelled'))).toContain('这笔钱还在等您')
  expect(sheets).toEqual([{ mchId: FAKE_MCHID, appId: FAKE_APPID, package: waiting.packageInfo }])
  expect((await payouts()).items.find((p: { id: string }) => p.id === waiting.id).status).toBe('awaiting_confirmation')
  expect(page.querySelector('.confirm-transfer')).toBeTruthy()

  acceptSheet = true
  tap(page, '.confirm-transfer')
  await waitFor(() => page.querySelector('.transfer-confirm__message--confirmed'), 'the confirmed message')
  // The balances are drawn again when the statement is read again: absent for a moment.
  await waitFor(() => page.querySelector('.paid-out-amount') && text(page.querySelector('.paid-out-amount')) === formatYuan(waiting.amountFen), 'the money arrived')
  expect(sheets).toHaveLength(2)
  expect(sheets[1]).toEqual(sheets[0])
  // Drawn again with the balances: read once there, not while they are redrawn.
  expect(text(await waitFor(() => page.querySelector('.in-flight-amount'), 'the in-flight amount'))).toBe('¥0.00')
  expect(text(await waitFor(() => page.querySelector('.payout-list'), 'the payout list'))).toContain('已到账 · 微信转账')
  expect(page.querySelector('.confirm-transfer')).toBeFalsy()
  expect((await payouts()).items.find((p: { id: string }) => p.id === waiting.id).status).toBe('paid')
}, 30_000)

it('the cun xiao’er sees his commission and the farmer’s statement, with nothing to confirm for her', async () => {
  const operatorPhone = createPhone(server.url)
  try {
    const token = await signInOnPhone(server.url, operatorPhone, demoUser('op-shebiya'))
    const his = await fetchJson(`${server.url}/api/v1/my/statement`, 'GET', undefined, token)
    expect(his.monthTotals.commission).toBeGreaterThan(0)
    const operatorApp = relaunchMiniProgram(server.url, operatorPhone.wx)

    const own = operatorApp.open(OPERATOR_INCOME)
    await waitFor(() => own.querySelector('.statement-group--commission') && own.querySelector('.payout-list'), 'his commission')
    expect(text(own.querySelector('.statement-group--commission'))).toMatch(/佣金[\s\S]*订单 \d{4}-\d{3,}[\s\S]*\+¥/)
    expect(text(own.querySelector('.in-flight-amount'))).toBe(formatYuan(his.inFlightFen))
    // He has no WeChat openid here: his payout is handed over at the service center.
    expect(text(own.querySelector('.payout-list'))).toContain('到服务中心领取 · 线下支付')

    const farmers = operatorApp.open('packages/operator/pages/farmers/index')
    await waitFor(() => farmers.querySelector('.farmer-income-link'), 'the 收入 link')

    const hers = operatorApp.open(FARMER_INCOME, { farmerId: WANG, name: encodeURIComponent('王建国') })
    await waitFor(() => hers.querySelector('.paid-out-amount'), 'her statement')
    expect(text(hers)).toContain('王建国 的收入')
    expect(text(hers.querySelector('.statement-group--sale'))).toMatch(/订单 \d{4}-\d{3,}/)
    expect(text(hers.querySelector('.paid-out-amount'))).not.toBe('¥0.00')
    await waitFor(() => hers.querySelector('.payout-list'), 'her payouts')
    expect(text(hers.querySelector('.payout-list'))).toContain('已到账 · 微信转账')
    // Neither a confirm button nor a print button in the mini-program.
    expect(hers.querySelector('.confirm-transfer')).toBeFalsy()
    expect(hers.querySelector('.print-statement')).toBeFalsy()
  } finally {
    operatorPhone.close()
  }
}, 60_000)
