import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { seedId } from '../../server/ids'
import qrcode from 'qrcode-generator'
import { pickupQrText } from '../../src/domain/pickup-qr'
import { type FakeWeChat, startFakeWeChat } from '../server/support/fake-wechat'
import { type FakeWeChatPay, startFakeWeChatPay } from '../server/support/fake-wechatpay-server'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, tap, text, viewNodes, waitFor } from './support/mini-program'
import { type Phone, createPhone, fetchJson } from './support/phone'

/* Buying in the compiled mini-program: a buyer signed in with WeChat picks 2 斤 of 奶皮子, the
   cart quotes it, the checkout places the order (Idempotency-Key over wx.request) and calls
   wx.requestPayment with the server's parameters. The first time the buyer closes WeChat's
   sheet: the order waits with 继续支付. The second time they pay: (a fake of) WeChat Pay
   notifies the real server, the app sees the order paid, and the order page shows the pickup
   code and its QR code drawn as views. */

const MILK_SKIN = seedId('lst', 'milk-skin')

let wechat: FakeWeChat
let wechatPay: FakeWeChatPay
let keyDir: string
let server: SpawnedServer
let phone: Phone
let app: MiniProgram
const payments: Record<string, string>[] = []
let closeSheet = true

/** WeChat Pay's notification, delivered to the server as WeChat would (node:http: no fetch in jsdom). */
function deliver(notification: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/api/v1/payments/wechat/notify`, { method: 'POST', headers: notification.headers }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('error', reject)
    request.end(notification.body)
  })
}

beforeAll(async () => {
  wechat = await startFakeWeChat()
  wechatPay = await startFakeWeChatPay()
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-wxpay-'))
  server = await spawnDemoServer({
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    ...wechatPay.environment('https://xiangji.example/api/v1/payments/wechat/notify', keyDir),
  })
  phone = createPhone(server.url)
  app = launchMiniProgram(server.url, {
    ...phone.wx,
    login(options: { success?: (r: object) => void }) {
      setTimeout(() => options.success?.({ code: wechat.issueCode('openid-weapp-checkout'), errMsg: 'login:ok' }), 0)
    },
    // WeChat's payment sheet: closed by the buyer the first time, paid the second.
    requestPayment(options: Record<string, string> & { success?: (r: object) => void; fail?: (r: object) => void }) {
      payments.push({ timeStamp: options.timeStamp, nonceStr: options.nonceStr, package: options.package, signType: options.signType, paySign: options.paySign })
      if (closeSheet) {
        setTimeout(() => options.fail?.({ errMsg: 'requestPayment:fail cancel' }), 0)
        return
      }
      const outTradeNo = wechatPay.outTradeNoOfPrepay(options.package.replace('prepay_id=', ''))!
      void deliver(wechatPay.pay(outTradeNo)).then((status) => {
        expect(status).toBeLessThan(300)
        options.success?.({ errMsg: 'requestPayment:ok' })
      })
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  await wechatPay?.close()
  await wechat?.close()
  phone?.close()
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true })
})

/** The encoder's modules as runs of one colour per row ('1x7' = seven dark modules). */
function qrRuns(content: string): string[][] {
  const qr = qrcode(0, 'M')
  qr.addData(content)
  qr.make()
  const size = qr.getModuleCount()
  return Array.from({ length: size }, (_, row) => {
    const runs: string[] = []
    for (let col = 0; col < size; ) {
      const dark = qr.isDark(row, col)
      let length = 0
      while (col < size && qr.isDark(row, col) === dark) (col++, length++)
      runs.push(`${dark ? 1 : 0}x${length}`)
    }
    return runs
  })
}

const token = () => phone.storage.get('xiangji.token')!

it('buys 2 斤 of 奶皮子: cart, checkout, a closed payment sheet, 继续支付, paid; then the pickup code', async () => {
  const me = app.open('pages/me/index')
  await waitFor(() => me.querySelector('.wechat-login'), 'the WeChat sign-in button')
  tap(me, '.wechat-login')
  await waitFor(() => me.querySelector('.role-entry--orders'), 'the buyer’s 我的订单 entry')
  const buyer = await fetchJson(`${server.url}/api/v1/me`, 'GET', undefined, token())

  const listing = app.open('packages/listing/pages/listing/index', { id: MILK_SKIN })
  await waitFor(() => listing.querySelector('.add-to-cart') && text(listing).includes('奶皮子'), 'the listing')
  tap(listing, '.qty-plus')
  await waitFor(() => listing.querySelector('.qty-value')?.dom.textContent === '2', 'the quantity to read 2')
  tap(listing, '.add-to-cart')
  const kept = JSON.parse(await waitFor(() => phone.storage.get(`xiangji.cart.${buyer.id}`), 'the cart kept on the phone'))
  expect(kept.lines).toMatchObject([{ listingId: MILK_SKIN, quantity: 2, seenPriceFen: 6000 }])

  const cart = app.open('pages/cart/index')
  await waitFor(() => /¥\d/.test(cart.querySelector('.cart-total')?.dom.textContent ?? ''), 'the cart’s quoted total')
  expect(cart.querySelectorAll('.cart-line')).toHaveLength(1)
  expect(text(cart)).toContain('奶皮子')

  const checkout = app.open('packages/buyer/pages/checkout/index', { lines: `${MILK_SKIN}*2` })
  await waitFor(() => checkout.querySelector('.price-total'), 'the checkout’s price')
  expect(text(checkout)).toContain('¥120.00') // 2 斤 × ¥60.00
  expect(text(checkout)).toContain('县里补贴运费')
  expect(checkout.querySelector('.pickup-point')).toBeTruthy()
  expect(checkout.querySelector('.pickup-estimate')).toBeTruthy()

  tap(checkout, '.pay-button')
  await waitFor(() => checkout.querySelector('.continue-payment'), '继续支付 after the sheet was closed')
  expect(text(checkout)).toContain('支付没有完成')
  expect(payments[0]).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) })
  expect(payments[0].paySign).toBeTruthy()
  const pending = await fetchJson(`${server.url}/api/v1/orders`, 'GET', undefined, token())
  expect(pending.items.map((o: { status: string }) => o.status)).toEqual(['pending_payment'])

  closeSheet = false
  tap(checkout, '.continue-payment')
  await waitFor(() => phone.storage.get(`xiangji.cart.${buyer.id}`) === undefined, 'the paid line to leave the cart', 20_000)
  const paid = await fetchJson(`${server.url}/api/v1/orders`, 'GET', undefined, token())
  // One order, placed once, now paid.
  expect(paid.items).toHaveLength(1)
  expect(paid.items[0].status).toBe('paid')
  expect(payments).toHaveLength(2)

  const order = app.open('packages/buyer/pages/order/index', { id: paid.items[0].id })
  await waitFor(() => order.querySelector('.pickup-code'), 'the pickup code')
  const code = order.querySelector('.pickup-code').dom.textContent.trim()
  expect(code).toBe(paid.items[0].pickupCode)
  expect(order.querySelector('.pickup-qr')).toBeTruthy()
  expect(text(order)).toContain('已支付')
  expect(order.querySelector('.timeline-entry--paid')).toBeTruthy()

  // The views the page sent to WeChat draw, run by run, the QR code of the scanner's text.
  const rows = viewNodes(app.pages[app.pages.length - 1], 'pickup-qr__row').map((row) =>
    (row.cn ?? []).map((cell) => `${cell.cl === 'pickup-qr__dark' ? 1 : 0}x${/flex:\s*(\d+)/.exec(String(cell.st))?.[1]}`),
  )
  expect(rows).toEqual(qrRuns(pickupQrText(paid.items[0].id, code)))
}, 60_000)
