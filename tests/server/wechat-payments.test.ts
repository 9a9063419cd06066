import { createPublicKey, createVerify } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createWeChatPayClient, WeChatPayError } from '../../server/integrations/wxpay/client'
import { readWeChatPayConfig, weChatPayConfig } from '../../server/integrations/wxpay/config'
import { type FakeWeChatPay, type Forgery, FAKE_APPID, startFakeWeChatPay } from './support/fake-wechatpay-server'
import { orderBody, placeOrder, stockOf } from './support/order-fixtures'
import { bearer, DATABASES, type TestApp } from './support/test-app'
import { createWeChatPayTestApp } from './support/wechat-pay-app'

/* WeChat Pay v3 against a fake WeChat Pay that checks our signatures and signs its answers and
   notifications with keys of its own, on SQLite and PostgreSQL: an order is paid only through a
   verified notification or our own query, once, whatever is replayed or forged. */

const NOTIFY = '/api/v1/payments/wechat/notify'

describe.each(DATABASES)('WeChat Pay on %s', (dialect) => {
  let fake: FakeWeChatPay
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    ;({ fake, t, buyer } = await createWeChatPayTestApp(dialect))
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await fake?.close()
  })

  const get = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: bearer(buyer) })).json()
  const deliver = (n: { headers: Record<string, string>; body: string }) => t.app.inject({ method: 'POST', url: NOTIFY, headers: n.headers, payload: n.body })

  /** An order with a WeChat Pay payment started: the order, the wx.requestPayment fields and its out_trade_no. */
  async function orderAwaitingWeChat(lines: [string, number][] = [['millet', 1]]) {
    const order = (await placeOrder(t, buyer, orderBody(lines))).json()
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, headers: bearer(buyer), payload: { provider: 'wechat' } })
    expect(response.statusCode).toBe(200)
    const params = response.json()
    const outTradeNo = fake.outTradeNoOfPrepay(params.package.replace('prepay_id=', ''))!
    return { order, params, outTradeNo }
  }

  it('sends a prepay request the fake accepts as signed, and hands the app a paySign it can verify', async () => {
    const { order, params, outTradeNo } = await orderAwaitingWeChat()
    expect(params).toMatchObject({ provider: 'wechat', signType: 'RSA' })
    expect(params.package).toMatch(/^prepay_id=wx[0-9a-f]+$/)
    const prepay = fake.requests.find((r) => r.path === '/v3/pay/transactions/jsapi' && JSON.parse(r.body).out_trade_no === outTradeNo)!
    expect(prepay.signatureValid).toBe(true)
    expect(JSON.parse(prepay.body)).toMatchObject({ appid: FAKE_APPID, amount: { total: order.totalFen, currency: 'CNY' }, payer: { openid: 'o-buyer-chenxiao' }, notify_url: 'https://xiangji.example/api/v1/payments/wechat/notify' })
    expect(JSON.parse(prepay.body).time_expire).toMatch(/\+08:00$/)
    const merchantPublic = createPublicKey(t.config.wechatPay!.merchantKey)
    const message = `${FAKE_APPID}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`
    expect(createVerify('RSA-SHA256').update(message).verify(merchantPublic, params.paySign, 'base64')).toBe(true)
    // Asking again reuses the prepay: one transaction at WeChat Pay.
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, headers: bearer(buyer), payload: { provider: 'wechat' } })
    expect(again.json().package).toBe(params.package)
  })

  it('is refused by WeChat Pay when signed with another key, and refuses an answer not signed by WeChat Pay', async () => {
    const stranger = await startFakeWeChatPay()
    try {
      const wrongKey = weChatPayConfig({ ...valuesOf(fake, t), merchantKeyPem: stranger.config('x').merchantKey.export({ format: 'pem', type: 'pkcs8' }).toString() })
      await expect(createWeChatPayClient(wrongKey).queryByOutTradeNo('nope')).rejects.toMatchObject({ kind: 'rejected', status: 401, code: 'SIGN_ERROR' })
      // Our key, but the other fake's public key: the fake's genuine answer is not believed.
      const wrongTrust = weChatPayConfig({ ...valuesOf(fake, t), platformKeys: { [fake.publicKeyId]: stranger.config('x').platformKeys.values().next().value!.export({ format: 'pem', type: 'spki' }).toString() } })
      const { outTradeNo } = await orderAwaitingWeChat()
      const refused = await createWeChatPayClient(wrongTrust).queryByOutTradeNo(outTradeNo).catch((e) => e)
      expect(refused).toBeInstanceOf(WeChatPayError)
      expect(refused.message).toMatch(/not signed by WeChat Pay/)
    } finally {
      await stranger.close()
    }
  })

  it('applies a valid notification replayed 10 times at once exactly once', async () => {
    const { order, outTradeNo } = await orderAwaitingWeChat()
    const notification = fake.pay(outTradeNo)
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(notification)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(204))
    const paid = await get(order.id)
    expect(paid.status).toBe('paid')
    expect(paid.pickupCode).toMatch(/^\d{6}$/)
    expect(paid.timeline.filter((e: any) => e.kind === 'paid')).toHaveLength(1)
  })

  describe('refuses forged notifications and leaves the order untouched', () => {
    const forgeries: [string, (total: number) => Forgery][] = [
      ['a bad signature', () => ({ signWithAnotherKey: true })],
      ['an unknown serial', () => ({ serial: 'PUB_KEY_ID_0000UNKNOWN' })],
      ['a timestamp 6 minutes old', () => ({ ageSeconds: 6 * 60 })],
      ['one byte of the body changed', () => ({ tamper: true })],
      ['a wrong amount', (total) => ({ amountFen: total + 1 })],
      ['another merchant', () => ({ mchid: '1900009999' })],
    ]
    it.each(forgeries)('%s', async (_what, forge) => {
      const { order, outTradeNo } = await orderAwaitingWeChat()
      fake.pay(outTradeNo) // paid at WeChat, but this news is forged
      const answer = await deliver(fake.notification(outTradeNo, forge(order.totalFen)))
      expect(answer.statusCode).toBeGreaterThanOrEqual(400)
      expect(answer.json()).toMatchObject({ code: 'FAIL' })
      const after = await get(order.id)
      expect(after.status).toBe('pending_payment')
      expect(after.pickupCode).toBeUndefined()
      const payment = await t.database.db.selectFrom('payments').selectAll().where('outTradeNo', '=', outTradeNo).executeTakeFirstOrThrow()
      expect(payment.status).toBe('pending')
    })
  })

  it('marks a payment whose notification was lost, by asking WeChat Pay', async () => {
    const { order, outTradeNo } = await orderAwaitingWeChat()
    fake.pay(outTradeNo) // the notification never arrives
    await t.app.orderJobs.runOnce()
    expect((await get(order.id)).status).toBe('pending_payment') // too early to ask
    await t.database.db.updateTable('payments').set({ createdAt: new Date(Date.now() - 4 * 60_000).toISOString() }).where('outTradeNo', '=', outTradeNo).execute()
    await t.app.orderJobs.runOnce()
    const paid = await get(order.id)
    expect(paid.status).toBe('paid')
    expect(fake.requests.some((r) => r.method === 'GET' && r.path.includes(outTradeNo) && r.signatureValid)).toBe(true)
  })

  it('closes an expired order’s payment at WeChat Pay and gives its stock back', async () => {
    const before = await stockOf(t, 'oat-flour')
    const { order, outTradeNo } = await orderAwaitingWeChat([['oat-flour', 3]])
    await t.database.db.updateTable('orders').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('id', '=', order.id).execute()
    await t.app.orderJobs.runOnce()
    expect((await get(order.id)).status).toBe('expired')
    expect(fake.transactions.get(outTradeNo)!.state).toBe('CLOSED')
    expect(await stockOf(t, 'oat-flour')).toBe(before)
  })

  it('refunds a cancelled paid order once, though the first refund request timed out', async () => {
    const { order, outTradeNo } = await orderAwaitingWeChat([['eggs', 12]])
    expect((await deliver(fake.pay(outTradeNo))).statusCode).toBe(204)
    fake.slowDown('/v3/refund/domestic/refunds', 2500) // longer than our 1.5 s timeout; WeChat refunds anyway
    const cancelled = (await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, headers: bearer(buyer) })).json()
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.refund).toEqual({ status: 'pending', amountFen: order.totalFen })
    await new Promise((resolve) => setTimeout(resolve, 1200)) // the slow answer has come and gone
    await t.app.orderJobs.runOnce()
    const after = await get(order.id)
    expect(after.refund).toEqual({ status: 'succeeded', amountFen: order.totalFen })
    const refunds = [...fake.refunds.values()].filter((r) => r.outTradeNo === outTradeNo)
    expect(refunds).toHaveLength(1)
    expect(refunds[0].amountFen).toBe(order.totalFen)
    const asked = fake.requests.filter((r) => r.path === '/v3/refund/domestic/refunds' && JSON.parse(r.body).out_trade_no === outTradeNo)
    expect(asked.length).toBeGreaterThanOrEqual(2)
    expect(new Set(asked.map((r) => JSON.parse(r.body).out_refund_no)).size).toBe(1)
  })

  // Last in this block: from here on the fake's refunds answer PROCESSING until settled.
  it('settles a refund WeChat Pay is still processing by its notification, once; a forged or mismatched one changes nothing', async () => {
    fake.refundsTakeTime()
    const { order, outTradeNo } = await orderAwaitingWeChat([['millet', 2]])
    expect((await deliver(fake.pay(outTradeNo))).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, headers: bearer(buyer) })).json().status).toBe('cancelled')
    await t.app.orderJobs.runOnce()
    const refund = [...fake.refunds.values()].find((r) => r.outTradeNo === outTradeNo)!
    expect(refund.status).toBe('PROCESSING')
    expect((await get(order.id)).refund).toEqual({ status: 'pending', amountFen: order.totalFen })
    // The refund request told WeChat Pay where to send the outcome.
    const asked = fake.requests.find((r) => r.path === '/v3/refund/domestic/refunds' && JSON.parse(r.body).out_trade_no === outTradeNo)!
    expect(JSON.parse(asked.body).notify_url).toBe('https://xiangji.example/api/v1/payments/wechat/notify')

    const forgeries: [string, Forgery, number][] = [
      ['signed by another key', { signWithAnotherKey: true }, 401],
      ['changed after signing', { tamper: true }, 401],
      ['another amount', { amountFen: order.totalFen - 1 }, 400],
      ['another merchant', { mchid: '1900009999' }, 400],
    ]
    for (const [what, forgery, status] of forgeries) {
      const answer = await deliver(fake.settleRefund(refund.outRefundNo, 'SUCCESS', forgery))
      expect([what, answer.statusCode]).toEqual([what, status])
    }
    expect((await get(order.id)).refund).toEqual({ status: 'pending', amountFen: order.totalFen })

    const settled = fake.settleRefund(refund.outRefundNo)
    const answers = await Promise.all([deliver(settled), deliver(settled), deliver(settled)])
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204])
    expect((await get(order.id)).refund).toEqual({ status: 'succeeded', amountFen: order.totalFen })
    const refunded = await t.database.db.selectFrom('orderEvents').select('kind').where('orderId', '=', order.id).where('kind', '=', 'refunded').execute()
    expect(refunded).toHaveLength(1)
    const row = await t.database.db.selectFrom('refunds').selectAll().where('orderId', '=', order.id).executeTakeFirstOrThrow()
    expect(row.providerRefundId).toBe(refund.refundId)
  })

  it('keeps a refund WeChat Pay calls abnormal pending, with the reason, for the next attempt or a person', async () => {
    const { order, outTradeNo } = await orderAwaitingWeChat([['millet', 1]])
    expect((await deliver(fake.pay(outTradeNo))).statusCode).toBe(204)
    await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, headers: bearer(buyer) })
    const refund = [...fake.refunds.values()].find((r) => r.outTradeNo === outTradeNo)!
    expect((await deliver(fake.settleRefund(refund.outRefundNo, 'ABNORMAL'))).statusCode).toBe(204)
    expect((await get(order.id)).refund).toEqual({ status: 'pending', amountFen: order.totalFen })
    const row = await t.database.db.selectFrom('refunds').selectAll().where('orderId', '=', order.id).executeTakeFirstOrThrow()
    expect(row.lastError).toBe('WeChat Pay refund ABNORMAL')
  })
})

/** The values behind a fake's config, to build variants of it. */
function valuesOf(fake: FakeWeChatPay, t: TestApp) {
  const config = t.config.wechatPay!
  return {
    mchid: config.mchid,
    appId: config.appId,
    merchantSerial: config.merchantSerial,
    merchantKeyPem: config.merchantKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    platformKeys: { [fake.publicKeyId]: config.platformKeys.get(fake.publicKeyId)!.export({ format: 'pem', type: 'spki' }).toString() },
    apiV3Key: fake.apiV3Key,
    apiBase: fake.url,
    notifyUrl: config.notifyUrl,
    timeoutMs: 1500,
  }
}

describe('WeChat Pay configuration from the environment', () => {
  it('is off without a merchant id, refuses to start half configured, and reads key files', async () => {
    expect(readWeChatPayConfig({})).toBeNull()
    expect(() => readWeChatPayConfig({ WECHAT_PAY_MCHID: '1900000109', WECHAT_APP_ID: 'wx1' })).toThrow(/WECHAT_PAY_MERCHANT_SERIAL.*WECHAT_PAY_APIV3_KEY/)
    const fake = await startFakeWeChatPay()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-wxpay-'))
    try {
      const config = readWeChatPayConfig(fake.environment('https://xiangji.example/notify', dir))!
      expect(config).toMatchObject({ mchid: '1900000109', appId: FAKE_APPID, apiBase: fake.url, notifyUrl: 'https://xiangji.example/notify' })
      expect(config.platformKeys.has(fake.publicKeyId)).toBe(true)
      expect(config.merchantKey.type).toBe('private')
    } finally {
      await fake.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
