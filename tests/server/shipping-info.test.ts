import { createShippingUploader } from '../../server/integrations/wechat-shipping'
import { queueShippingUpload, stuckShippingUploads, uploadDueShipping } from '../../server/services/pickups/shipping-info'
import { FAKE_MCHID } from './support/fake-wechatpay-server'
import { startFakeWeChat, type FakeWeChat } from './support/fake-wechat'
import { orderBody, paidOrder, placeOrder } from './support/order-fixtures'
import { bearer, DATABASES, signInAs } from './support/test-app'
import { createWeChatPayTestApp, type WeChatPayTestApp } from './support/wechat-pay-app'

/* An order paid with WeChat Pay and handed over gets its shipping information uploaded to WeChat
   once, through an outbox; an upload WeChat keeps refusing is listed for county staff. */
describe.each(DATABASES)('shipping information on %s', (dialect) => {
  let app: WeChatPayTestApp
  let wechat: FakeWeChat

  beforeAll(async () => {
    app = await createWeChatPayTestApp(dialect)
    wechat = await startFakeWeChat()
  })
  afterAll(async () => {
    await app?.close()
    await wechat?.close()
  })

  const db = () => app.t.database.db
  const deps = () => ({
    db: db(),
    clock: () => new Date(Date.now() + app.t.clockOffset()),
    uploader: createShippingUploader({ appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl, timeoutMs: 2000, pickupTemplateId: '', saleTemplateId: '' }),
    mchid: FAKE_MCHID,
  })

  async function weChatPaidOrder() {
    const placed = await placeOrder(app.t, app.buyer, orderBody([['millet', 1]]))
    const order = placed.json()
    const started = await app.t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, headers: bearer(app.buyer), payload: { provider: 'wechat' } })
    const outTradeNo = app.fake.outTradeNoOfPrepay(started.json().package.replace('prepay_id=', ''))!
    const paid = app.fake.pay(outTradeNo)
    const answer = await app.t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: paid.headers, payload: paid.body })
    expect(answer.statusCode).toBe(204)
    return { order, transactionId: app.fake.transactions.get(outTradeNo)!.transactionId! }
  }
  const queue = (orderId: string) => db().transaction().execute((tx) => queueShippingUpload(tx, orderId, deps().clock().toISOString()))

  it('uploads a self-pickup with WeChat’s transaction id and the payer, once', async () => {
    const { order, transactionId } = await weChatPaidOrder()
    expect(await queue(order.id)).toBe(true)
    expect(await queue(order.id)).toBe(true)
    expect(await uploadDueShipping(deps())).toBe(1)
    expect(await uploadDueShipping(deps())).toBe(0)
    const mine = wechat.shippingUploads.filter((u) => u.order_key.transaction_id === transactionId)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ logistics_type: 4, delivery_mode: 1, shipping_list: [{ item_desc: expect.stringContaining('小米') }], payer: { openid: 'o-buyer-chenxiao' } })
  })

  it('a sandbox payment has nothing frozen at WeChat and gets no upload', async () => {
    const order = await paidOrder(app.t, app.buyer, [['millet', 1]])
    expect(await queue(order.id)).toBe(false)
  })

  it('a busy WeChat is tried again later; a refusal is listed for the county with WeChat’s error', async () => {
    // Both paid before the clock moves: WeChat Pay refuses requests signed 10 minutes off its clock.
    const busy = await weChatPaidOrder()
    const refused = await weChatPaidOrder()
    await queue(busy.order.id)
    wechat.failShipping(1, -1)
    expect(await uploadDueShipping(deps())).toBe(0)
    const row = await db().selectFrom('shippingUploads').selectAll().where('orderId', '=', busy.order.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'errcode -1: system error' })
    app.t.advance(10 * 60_000)
    expect(await uploadDueShipping(deps())).toBe(1)

    await queue(refused.order.id)
    wechat.failShipping(1, 10060004)
    const triedAt = new Date(Date.now() + app.t.clockOffset()).getTime()
    await uploadDueShipping(deps())
    const { countyId } = await db().selectFrom('orders').select('countyId').where('id', '=', refused.order.id).executeTakeFirstOrThrow()
    const stuck = await stuckShippingUploads(db(), countyId)
    expect(stuck).toEqual([expect.objectContaining({ orderId: refused.order.id, attempts: 1, lastError: expect.stringContaining('10060004') })])
    // The last try's time, to the second it was made (the list is read with the same clock).
    expect(Math.abs(Date.parse(stuck[0].lastAttemptAt!) - triedAt)).toBeLessThan(5_000)
    const staff = await signInAs(app.t.app, 'staff-gao')
    const listed = await app.t.app.inject({ method: 'GET', url: '/api/v1/county/shipping-uploads', headers: bearer(staff) })
    expect(listed.json().items).toEqual([expect.objectContaining({ orderId: refused.order.id, orderNumber: expect.any(String), lastError: expect.stringContaining('10060004') })])
    expect((await app.t.app.inject({ method: 'GET', url: '/api/v1/county/shipping-uploads', headers: bearer(app.buyer) })).statusCode).toBe(403)
  })
})
