import { type FakeWeChat, startFakeWeChat } from './support/fake-wechat'
import { readyOrder } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'

/* "Your order is ready at the county center": a WeChat subscribe message through the real API
   (against the fake WeChat), sent from the outbox by the order jobs, retried when WeChat fails,
   and never in the way of the pickup itself. */

const TEMPLATE = 'pickup-ready-template-0001'

describe.each(DATABASES)('buyer messages on %s', (dialect) => {
  let wechat: FakeWeChat
  let t: TestApp
  const cast = { buyer: '', shebiya: '', xindianzi: '', staff: '' }

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    t = await createTestApp(dialect, { wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret, pickupTemplateId: TEMPLATE } })
    cast.buyer = await signInAs(t.app, 'buyer-chenxiao')
    cast.shebiya = await signInAs(t.app, 'op-shebiya')
    cast.xindianzi = await signInAs(t.app, 'op-xindianzi')
    cast.staff = await signInAs(t.app, 'staff-gao')
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await wechat?.close()
  })

  const messageOf = (orderId: string) => t.database.db.selectFrom('buyerMessages').selectAll().where('orderId', '=', orderId).executeTakeFirstOrThrow()
  const setOpenid = (openid: string | null) => t.database.db.updateTable('users').set({ wechatOpenid: openid }).where('id', '=', demoUserId('buyer-chenxiao')).execute()

  it('tells the buyer in WeChat, with the pickup code and place, once', async () => {
    await setOpenid('o-chenxiao')
    const order = await readyOrder(t, cast)
    await t.app.orderJobs.runOnce()
    await t.app.orderJobs.runOnce()
    const sent = wechat.messages.filter((m) => m.page.includes(order.id))
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ touser: 'o-chenxiao', template_id: TEMPLATE })
    expect(sent[0].data.character_string2.value).toBe(order.pickupCode)
    expect(sent[0].data.thing3.value).toBe('和林格尔县农村电商服务中心')
    expect(sent[0].data.thing1.value).toBe('草原羔羊肉 羊排 等2件')
    expect(await messageOf(order.id)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('tries again later when WeChat fails, and the pickup goes on meanwhile', async () => {
    await setOpenid('o-chenxiao')
    wechat.failSends(2)
    const order = await readyOrder(t, cast)
    await t.app.orderJobs.runOnce()
    expect(await messageOf(order.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'errcode -1' })
    // The desk does not wait for WeChat.
    const handed = await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
    expect(handed.statusCode).toBe(200)
    await t.app.orderJobs.runOnce()
    expect((await messageOf(order.id)).attempts).toBe(1) // not due yet
    t.advance(60_000 + 1000)
    await t.app.orderJobs.runOnce()
    expect(await messageOf(order.id)).toMatchObject({ status: 'pending', attempts: 2 })
    t.advance(2 * 60_000 + 1000)
    await t.app.orderJobs.runOnce()
    expect(await messageOf(order.id)).toMatchObject({ status: 'sent', attempts: 3 })
    expect(wechat.messages.filter((m) => m.page.includes(order.id))).toHaveLength(1)
  })

  it('gives up at once when the buyer did not subscribe, and sends nothing to a buyer without WeChat', async () => {
    await setOpenid('o-chenxiao')
    wechat.failSends(1, 43101)
    const refused = await readyOrder(t, cast)
    await t.app.orderJobs.runOnce()
    expect(await messageOf(refused.id)).toMatchObject({ status: 'failed', lastError: 'errcode 43101' })

    await setOpenid(null)
    const before = wechat.messages.length
    const h5 = await readyOrder(t, cast)
    await t.app.orderJobs.runOnce()
    expect(await messageOf(h5.id)).toMatchObject({ status: 'failed', lastError: 'the buyer has no WeChat account' })
    expect(wechat.messages.length).toBe(before)
  })
})
