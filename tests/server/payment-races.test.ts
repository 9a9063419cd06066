import type { FakeWeChatPay } from './support/fake-wechatpay-server'
import { orderBody, placeOrder, setStock, stockOf } from './support/order-fixtures'
import { bearer, DATABASES, type TestApp } from './support/test-app'
import { createWeChatPayTestApp } from './support/wechat-pay-app'

/* A payment's news and the end of its order at the same moment, on SQLite and PostgreSQL: the
   sandbox's confirm or WeChat Pay's notification against the buyer's cancel, and against the
   expiry job; and cancels giving back stock of the same listings named in opposite orders. Every
   path takes the order's row before its payments and refunds, and listings last in id order
   (server/services/orders/lock-order.ts), so none deadlocks: never a 500, one outcome a round,
   and the money right: refunded, once, exactly when the order ended and money arrived. */

const ROUNDS = 20
const MINUTE = 60_000

interface Round {
  answers: number[]
  status: string
  timeline: string
  refunds: { status: string; amountFen: number }[]
}

describe.each(DATABASES)('racing payments on %s', (dialect) => {
  let fake: FakeWeChatPay
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    ;({ fake, t, buyer } = await createWeChatPayTestApp(dialect))
    for (const key of ['millet', 'oat-flour', 'broomcorn']) await setStock(t, key, 5000)
  }, 60_000)
  // The expiry rounds move the clock on; WeChat Pay's signatures want it right.
  beforeEach(() => t.setNow(new Date().toISOString()))
  afterAll(async () => {
    await t?.close()
    await fake?.close()
  })

  const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(buyer), payload })
  const confirm = (paymentId: string) => post(`/payments/sandbox/${paymentId}/confirm`)
  const cancel = (orderId: string) => post(`/orders/${orderId}/cancel`)

  async function awaitingPayment(provider: 'sandbox' | 'wechat') {
    const order = (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()
    const started = await post(`/orders/${order.id}/payments`, { provider })
    expect(started.statusCode).toBe(200)
    return { order, payment: started.json() }
  }

  /** How a round ended, as the buyer and the database see it. */
  async function roundOf(orderId: string, answers: number[]): Promise<Round> {
    const order = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: bearer(buyer) })).json()
    const refunds = await t.database.db.selectFrom('refunds').select(['status', 'amountFen']).where('orderId', '=', orderId).execute()
    return { answers, status: order.status, timeline: order.timeline.map((e: { kind: string }) => e.kind).join(' '), refunds }
  }

  const refundedOnce = (totalFen: number) => [{ status: 'succeeded', amountFen: totalFen }]

  it('confirms a sandbox payment as the buyer cancels: cancelled and refunded once, every round, never a 500', async () => {
    const before = await stockOf(t, 'millet')
    const rounds: Round[] = []
    let totalFen = 0
    for (let round = 0; round < ROUNDS; round++) {
      const { order, payment } = await awaitingPayment('sandbox')
      totalFen = order.totalFen
      const [confirmed, cancelled] = await Promise.all([confirm(payment.paymentId), cancel(order.id)])
      rounds.push(await roundOf(order.id, [confirmed.statusCode, cancelled.statusCode]))
    }
    // Paid first and then cancelled (a paid order is cancelled while its parcels are with the
    // farmers, and refunded), or cancelled first and the money that came late refunded.
    const paidFirst: Round = { answers: [200, 200], status: 'cancelled', timeline: 'placed paid cancelled refunded', refunds: refundedOnce(totalFen) }
    const cancelledFirst: Round = { ...paidFirst, timeline: 'placed cancelled refunded' }
    expect(rounds.filter((r) => !sameRound(r, paidFirst) && !sameRound(r, cancelledFirst))).toEqual([])
    expect(await stockOf(t, 'millet')).toBe(before)
  })

  it('confirms a sandbox payment as the expiry job runs: paid, or expired and refunded, never an error', async () => {
    const before = await stockOf(t, 'millet')
    const rounds: Round[] = []
    let totalFen = 0
    for (let round = 0; round < ROUNDS; round++) {
      const { order, payment } = await awaitingPayment('sandbox')
      totalFen = order.totalFen
      t.advance(31 * MINUTE)
      const logged = t.logLines.length
      // Now one side starts first, now the other: the jobs ask about stale payments before they expire orders.
      const late = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
      const [confirmed] = await Promise.all([late(round % 4).then(() => confirm(payment.paymentId)), t.app.orderJobs.runOnce()])
      const jobFailures = t.logLines.slice(logged).filter((line) => line.includes('order job failed'))
      rounds.push(await roundOf(order.id, [confirmed.statusCode, jobFailures.length]))
    }
    const paid: Round = { answers: [200, 0], status: 'paid', timeline: 'placed paid', refunds: [] }
    const expired: Round = { answers: [200, 0], status: 'expired', timeline: 'placed expired refunded', refunds: refundedOnce(totalFen) }
    expect(rounds.filter((r) => !sameRound(r, paid) && !sameRound(r, expired))).toEqual([])
    expect(await stockOf(t, 'millet')).toBe(before - rounds.filter((r) => r.status === 'paid').length)
  })

  it('applies a WeChat Pay notification arriving as the buyer cancels: taken every time, refunded once at WeChat Pay', async () => {
    const rounds: (Round & { atWeChat: number[] })[] = []
    let totalFen = 0
    for (let round = 0; round < ROUNDS / 2; round++) {
      const { order, payment } = await awaitingPayment('wechat')
      totalFen = order.totalFen
      const outTradeNo = fake.outTradeNoOfPrepay(payment.package.replace('prepay_id=', ''))!
      const notification = fake.pay(outTradeNo)
      const [delivered, cancelled] = await Promise.all([t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: notification.headers, payload: notification.body }), cancel(order.id)])
      const atWeChat = [...fake.refunds.values()].filter((r) => r.outTradeNo === outTradeNo).map((r) => r.amountFen)
      rounds.push({ ...(await roundOf(order.id, [delivered.statusCode, cancelled.statusCode])), atWeChat })
    }
    const paidFirst = { answers: [204, 200], status: 'cancelled', timeline: 'placed paid cancelled refunded', refunds: refundedOnce(totalFen), atWeChat: [totalFen] }
    const cancelledFirst = { ...paidFirst, timeline: 'placed cancelled refunded' }
    expect(rounds.filter((r) => !sameRound(r, paidFirst) && !sameRound(r, cancelledFirst))).toEqual([])
  })

  it('refunds two payments that both came through for a cancelled order at the same moment: each once, each in the timeline once', async () => {
    const rounds: Round[] = []
    let totalFen = 0
    for (let round = 0; round < ROUNDS / 2; round++) {
      // The buyer opened a sandbox payment, then switched to WeChat Pay, then cancelled; both went through after all.
      const { order, payment: sandbox } = await awaitingPayment('sandbox')
      totalFen = order.totalFen
      const wechat = (await post(`/orders/${order.id}/payments`, { provider: 'wechat' })).json()
      const notification = fake.pay(fake.outTradeNoOfPrepay(wechat.package.replace('prepay_id=', ''))!)
      expect((await cancel(order.id)).statusCode).toBe(200)
      const [confirmed, delivered] = await Promise.all([confirm(sandbox.paymentId), t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: notification.headers, payload: notification.body })])
      rounds.push(await roundOf(order.id, [confirmed.statusCode, delivered.statusCode]))
    }
    const twice: Round = { answers: [200, 204], status: 'cancelled', timeline: 'placed cancelled refunded refunded', refunds: [...refundedOnce(totalFen), ...refundedOnce(totalFen)] }
    expect(rounds.filter((r) => !sameRound(r, twice))).toEqual([])
  })

  it('gives stock back from orders naming the same listings in opposite orders, cancelled while others are placed', async () => {
    const keys = ['oat-flour', 'broomcorn'] as const
    const before = await Promise.all(keys.map((key) => stockOf(t, key)))
    const place = (i: number) => placeOrder(t, buyer, orderBody(i % 2 ? [[keys[0], 1], [keys[1], 1]] : [[keys[1], 1], [keys[0], 1]]))
    const first = await Promise.all(Array.from({ length: 12 }, (_, i) => place(i)))
    const [cancelled, placed] = await Promise.all([Promise.all(first.map((o) => cancel(o.json().id))), Promise.all(Array.from({ length: 12 }, (_, i) => place(i)))])
    const rest = await Promise.all(placed.map((o) => cancel(o.json().id)))
    const codes = (answers: { statusCode: number }[]) => answers.map((a) => a.statusCode).join(' ')
    expect({ placed: codes([...first, ...placed]), cancelled: codes([...cancelled, ...rest]) }).toEqual({ placed: Array(24).fill(201).join(' '), cancelled: Array(24).fill(200).join(' ') })
    expect(await Promise.all(keys.map((key) => stockOf(t, key)))).toEqual(before)
  })
})

function sameRound(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
