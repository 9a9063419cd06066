import { createWeChatLogin } from '../../server/integrations/wechat-login'
import { createAuthService } from '../../server/services/accounts/auth'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'
import { orderBody, paidOrder, placeOrder, stockOf } from './support/order-fixtures'

/* After an order is placed, on SQLite and PostgreSQL: paying through the sandbox, the pickup
   code, expiry after 30 minutes (also with two server processes), cancelling and refunds. */

const ORDER_DAY = '2026-11-28T03:00:00.000Z'
const MINUTE = 60_000

describe.each(DATABASES)('an order’s life on %s', (dialect) => {
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
  })
  beforeEach(() => t.setNow(ORDER_DAY))
  afterAll(() => t?.close())

  const get = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: bearer(buyer) })).json()
  const startSandbox = (id: string) => t.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/payments`, headers: bearer(buyer), payload: { provider: 'sandbox' } })
  const confirm = (paymentId: string) => t.app.inject({ method: 'POST', url: `/api/v1/payments/sandbox/${paymentId}/confirm`, headers: bearer(buyer) })
  const cancel = (id: string) => t.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/cancel`, headers: bearer(buyer) })

  describe('paying', () => {
    it('makes the order paid with a 6-digit pickup code and a pickup estimate', async () => {
      const order = await paidOrder(t, buyer, [['oat-flour', 2]])
      expect(order.status).toBe('paid')
      expect(order.pickupCode).toMatch(/^\d{6}$/)
      expect(Date.parse(order.paidAt) - Date.parse(ORDER_DAY)).toBeLessThan(60_000)
      expect(order.pickup).toMatchObject({ collectionRunDate: '2026-11-29', pickupDate: '2026-11-29' })
      expect(order.timeline.map((e: any) => e.kind)).toEqual(['placed', 'paid'])
      expect(order.canCancel).toBe(true)
    })

    it('stores the code only hashed and sealed', async () => {
      const order = await paidOrder(t, buyer, [['oat-flour', 1]])
      const row = await t.database.db.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow()
      expect(row.pickupCodeHash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.pickupCodeHash).not.toContain(order.pickupCode)
      expect(Buffer.from(row.pickupCodeSealed!, 'base64').toString('latin1')).not.toContain(order.pickupCode)
    })

    it('is applied once, however often the success is confirmed, even at the same time', async () => {
      const order = (await placeOrder(t, buyer, orderBody([['oat-flour', 1]]))).json()
      const { paymentId } = (await startSandbox(order.id)).json()
      const answers = await Promise.all(Array.from({ length: 10 }, () => confirm(paymentId)))
      expect(answers.every((a) => a.statusCode === 200)).toBe(true)
      const paid = await get(order.id)
      expect(paid.timeline.filter((e: any) => e.kind === 'paid')).toHaveLength(1)
      expect(new Set(answers.map((a) => a.json().pickupCode))).toEqual(new Set([paid.pickupCode]))
    })

    it('is refused for an order already paid, and for WeChat Pay on a server without it', async () => {
      const order = await paidOrder(t, buyer, [['oat-flour', 1]])
      const again = await startSandbox(order.id)
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('INVALID_TRANSITION')
      const pending = (await placeOrder(t, buyer, orderBody([['oat-flour', 1]]))).json()
      const wechat = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${pending.id}/payments`, headers: bearer(buyer), payload: { provider: 'wechat' } })
      expect(wechat.statusCode).toBe(409)
      expect(wechat.json().error.code).toBe('PAYMENT_UNAVAILABLE')
      const bogus = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${pending.id}/payments`, headers: bearer(buyer), payload: { provider: 'alipay' } })
      expect(bogus.statusCode).toBe(400)
    })
  })

  describe('expiry', () => {
    it('expires an unpaid order after 30 minutes and gives its stock back', async () => {
      const before = await stockOf(t, 'millet')
      const order = (await placeOrder(t, buyer, orderBody([['millet', 5]]))).json()
      expect(await stockOf(t, 'millet')).toBe(before - 5)
      t.advance(29 * MINUTE)
      await t.app.orderJobs.runOnce()
      expect((await get(order.id)).status).toBe('pending_payment')
      t.advance(MINUTE)
      await t.app.orderJobs.runOnce()
      const expired = await get(order.id)
      expect(expired.status).toBe('expired')
      expect(expired.canCancel).toBe(false)
      expect(expired.parcels.every((p: any) => p.status === 'cancelled')).toBe(true)
      expect(expired.timeline.map((e: any) => e.kind)).toEqual(['placed', 'expired'])
      expect(await stockOf(t, 'millet')).toBe(before)
      expect((await startSandbox(order.id)).statusCode).toBe(409)
      expect((await cancel(order.id)).statusCode).toBe(409)
    })

    it('refuses to start a payment once the expiry has passed, even before the timer ran', async () => {
      const order = (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()
      t.advance(31 * MINUTE)
      expect((await startSandbox(order.id)).statusCode).toBe(409)
    })

    it('gives stock back once with two server processes expiring at the same time', async () => {
      const other = await t.anotherServer()
      // Whatever earlier tests left unpaid expires first.
      t.advance(31 * MINUTE)
      await t.app.orderJobs.runOnce()
      t.setNow(ORDER_DAY)
      const before = await stockOf(t, 'millet')
      const orders = await Promise.all([1, 2, 3].map(() => placeOrder(t, buyer, orderBody([['millet', 2]]))))
      expect(await stockOf(t, 'millet')).toBe(before - 6)
      t.advance(31 * MINUTE)
      await Promise.all([t.app.orderJobs.runOnce(), other.orderJobs.runOnce(), t.app.orderJobs.runOnce()])
      expect(await stockOf(t, 'millet')).toBe(before)
      for (const placed of orders) expect((await get(placed.json().id)).timeline.filter((e: any) => e.kind === 'expired')).toHaveLength(1)
    })

    it('refunds a payment that completes after its order expired', async () => {
      const order = (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()
      const { paymentId } = (await startSandbox(order.id)).json()
      t.advance(31 * MINUTE)
      await t.app.orderJobs.runOnce()
      await confirm(paymentId)
      const after = await get(order.id)
      expect(after.status).toBe('expired')
      expect(after.refund).toEqual({ status: 'succeeded', amountFen: order.totalFen })
      expect(after.timeline.map((e: any) => e.kind)).toEqual(['placed', 'expired', 'refunded'])
    })
  })

  describe('cancelling', () => {
    it('cancels an unpaid order and gives its stock back, with nothing to refund', async () => {
      const before = await stockOf(t, 'broomcorn')
      const order = (await placeOrder(t, buyer, orderBody([['broomcorn', 4]]))).json()
      const response = await cancel(order.id)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ status: 'cancelled', canCancel: false })
      expect(response.json().refund).toBeUndefined()
      expect(await stockOf(t, 'broomcorn')).toBe(before)
      expect((await cancel(order.id)).statusCode).toBe(409)
    })

    it('refunds a paid order cancelled while every parcel is with its farmer', async () => {
      const before = await stockOf(t, 'broomcorn')
      const order = await paidOrder(t, buyer, [['broomcorn', 2], ['eggs', 10]])
      const response = await cancel(order.id)
      expect(response.statusCode).toBe(200)
      const cancelled = response.json()
      expect(cancelled.status).toBe('cancelled')
      expect(cancelled.refund).toEqual({ status: 'succeeded', amountFen: order.totalFen })
      expect(cancelled.timeline.map((e: any) => e.kind)).toEqual(['placed', 'paid', 'cancelled', 'refunded'])
      expect(await stockOf(t, 'broomcorn')).toBe(before)
      const refunds = await t.database.db.selectFrom('refunds').selectAll().where('orderId', '=', order.id).execute()
      expect(refunds).toHaveLength(1)
    })

    it('refuses once a parcel has been handed in at the village, and changes nothing', async () => {
      const order = await paidOrder(t, buyer, [['broomcorn', 1], ['eggs', 6]])
      await t.database.db.updateTable('parcels').set({ status: 'collected' }).where('id', '=', order.parcels[0].id).execute()
      expect((await get(order.id)).canCancel).toBe(false)
      const stock = await stockOf(t, 'broomcorn')
      const response = await cancel(order.id)
      expect(response.statusCode).toBe(409)
      expect(response.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'order.parcel_handed_in' } })
      expect((await get(order.id)).status).toBe('paid')
      expect(await stockOf(t, 'broomcorn')).toBe(stock)
    })
  })

  it('offers no sandbox on a server without dev login', async () => {
    const production = await createTestApp(dialect, { devLogin: false })
    try {
      const token = await createAuthService({ db: production.database.db, clock: () => new Date(), tokenTtlHours: 1, wechatLogin: createWeChatLogin(production.config.wechat) }).issueToken(demoUserId('buyer-chenxiao'))
      const order = (await placeOrder(production, token, orderBody([['millet', 1]]))).json()
      const response = await production.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, headers: bearer(token), payload: { provider: 'sandbox' } })
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('PAYMENT_UNAVAILABLE')
      expect((await production.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/pay_x/confirm', headers: bearer(token) })).statusCode).toBe(404)
    } finally {
      await production.close()
    }
  })
})
