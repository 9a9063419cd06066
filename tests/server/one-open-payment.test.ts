import { sql } from 'kysely'
import * as oneOpenPayment from '../../server/db/migrations/005_one_open_payment'
import type { PaymentTable } from '../../server/db/schema'
import type { FakeWeChatPay } from './support/fake-wechatpay-server'
import { orderBody, placeOrder } from './support/order-fixtures'
import { bearer, DATABASES, type TestApp } from './support/test-app'
import { createWeChatPayTestApp } from './support/wechat-pay-app'

/* An order awaiting payment has one open payment at most, on SQLite and PostgreSQL: taps on 立即支付
   at the same moment get the same payment back, a buyer who switches provider gets a new one and
   the old one is closed, an order that ends keeps none open, and the migration that brought the
   rule closes duplicates left before it. */

describe.each(DATABASES)('one open payment per order on %s', (dialect) => {
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

  const start = (orderId: string, provider: 'sandbox' | 'wechat') => t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/payments`, headers: bearer(buyer), payload: { provider } })
  const paymentsOf = (orderId: string) => t.database.db.selectFrom('payments').selectAll().where('orderId', '=', orderId).orderBy('createdAt').execute()
  const newOrder = async () => (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()

  it.each(['sandbox', 'wechat'] as const)('answers 8 taps at once on %s with the same payment, and keeps one open', async (provider) => {
    const order = await newOrder()
    const answers = await Promise.all(Array.from({ length: 8 }, () => start(order.id, provider)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200))
    expect(new Set(answers.map((a) => a.json().paymentId)).size).toBe(1)
    if (provider === 'wechat') expect(new Set(answers.map((a) => a.json().package)).size).toBe(1)
    const rows = await paymentsOf(order.id)
    expect(rows.map((p) => [p.id, p.status])).toEqual([[answers[0].json().paymentId, 'pending']])
  })

  it('closes the open payment of one provider when the buyer pays with another; money that still comes through it is taken', async () => {
    const order = await newOrder()
    const sandbox = (await start(order.id, 'sandbox')).json()
    const wechat = (await start(order.id, 'wechat')).json()
    expect(wechat.paymentId).not.toBe(sandbox.paymentId)
    expect((await paymentsOf(order.id)).map((p) => [p.provider, p.status])).toEqual([['sandbox', 'closed'], ['wechat', 'pending']])
    // The sandbox payment had gone through after all: the order is paid by it, and the WeChat one is closed, here and at WeChat Pay.
    const paid = await t.app.inject({ method: 'POST', url: `/api/v1/payments/sandbox/${sandbox.paymentId}/confirm`, headers: bearer(buyer) })
    expect(paid.json()).toMatchObject({ status: 'paid' })
    expect(paid.json().refund).toBeUndefined()
    expect((await paymentsOf(order.id)).map((p) => [p.provider, p.status])).toEqual([['sandbox', 'succeeded'], ['wechat', 'closed']])
    const outTradeNo = fake.outTradeNoOfPrepay(wechat.package.replace('prepay_id=', ''))!
    expect(fake.transactions.get(outTradeNo)!.state).toBe('CLOSED')
  })

  it('leaves no open payment on an order cancelled as the buyer starts paying', async () => {
    const rounds = []
    for (let round = 0; round < 10; round++) {
      const order = await newOrder()
      const [started, cancelled] = await Promise.all([start(order.id, 'sandbox'), t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, headers: bearer(buyer) })])
      rounds.push({ started: started.statusCode, cancelled: cancelled.statusCode, open: (await paymentsOf(order.id)).filter((p) => p.status === 'pending').length })
    }
    // Started first (and closed by the cancel), or refused because the order was cancelled already.
    expect(rounds.filter((r) => !(r.cancelled === 200 && [200, 409].includes(r.started) && r.open === 0))).toEqual([])
  })

  it('migrates a database holding several open payments of one order: the newest stays open, the others are closed', async () => {
    const [crowded, single] = [await newOrder(), await newOrder()]
    await oneOpenPayment.down(t.database.db)
    const payment = (orderId: string, id: string, createdAt: string): PaymentTable => ({ id, orderId, provider: 'sandbox', outTradeNo: id, status: 'pending', amountFen: crowded.totalFen, prepayId: null, preparedAt: null, transactionId: null, createdAt, updatedAt: createdAt, succeededAt: null })
    await t.database.db
      .insertInto('payments')
      .values([
        payment(crowded.id, 'payold', '2026-11-28T03:00:00.000Z'),
        payment(crowded.id, 'paynewest', '2026-11-28T03:00:02.000Z'),
        payment(crowded.id, 'paymiddle', '2026-11-28T03:00:01.000Z'),
        payment(single.id, 'paysingle', '2026-11-28T03:00:00.000Z'),
      ])
      .execute()
    await oneOpenPayment.up(t.database.db)
    const statuses = async (orderId: string) => Object.fromEntries((await paymentsOf(orderId)).map((p) => [p.id, p.status]))
    expect(await statuses(crowded.id)).toEqual({ payold: 'closed', paymiddle: 'closed', paynewest: 'pending' })
    expect(await statuses(single.id)).toEqual({ paysingle: 'pending' })
    // And from now on the database refuses a second open payment (by message: better-sqlite3's errors come from another realm under jest).
    const second = sql`insert into payments (id, order_id, provider, out_trade_no, status, amount_fen, created_at, updated_at) values ('payagain', ${single.id}, 'sandbox', 'payagain', 'pending', 1, 'x', 'x')`
    expect(await second.execute(t.database.db).then(() => 'inserted', (error: Error) => error.message)).toMatch(/unique/i)
  })
})
