import * as afterSaleMigration from '../../server/db/migrations/008_after_sale_cases'
import { photo } from './support/photo-fixtures'
import { multipartForm } from './support/multipart'
import { createBuyers, listingId, orderBody, placeOrder, readyOrder as ready, type PickupCast } from './support/order-fixtures'
import { staffOfAnotherCounty } from './support/staff-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'
import { createWeChatPayTestApp, type WeChatPayTestApp } from './support/wechat-pay-app'

/* After-sale cases (售后) on SQLite and PostgreSQL: who may report and when, the decision's
   refund through WeChat Pay as a partial refund of its own, concurrent decisions that never refund
   more than the line, the commission taken back once in proportion, and who may see what. */

const HOUR = 3600_000
const LAMB = listingId('lamb-chops') // 2 × ¥68 = ¥136, 5 % commission ¥6.80, 王建国 of 舍必崖村
const MILK = listingId('milk-fresh') // 3 × ¥8 = ¥24

describe.each(DATABASES)('after-sale cases on %s', (dialect) => {
  let w: WeChatPayTestApp
  let t: TestApp
  let cast: PickupCast
  let otherBuyer: string
  let otherStaff: string
  let farmer: string

  beforeAll(async () => {
    w = await createWeChatPayTestApp(dialect)
    t = w.t
    // 陈晓 signed in with WeChat (WeChat Pay needs her openid), so her token comes from the WeChat Pay app.
    const [shebiya, xindianzi, staff] = await Promise.all(['op-shebiya', 'op-xindianzi', 'staff-gao'].map((key) => signInAs(t.app, key)))
    cast = { buyer: w.buyer, shebiya, xindianzi, staff }
    ;[otherBuyer] = await createBuyers(t, 1, 'other')
    otherStaff = await staffOfAnotherCounty(t)
    farmer = await signInAs(t.app, 'wang-jianguo')
  }, 60_000)
  afterAll(() => w?.close())

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })
  const orderOf = async (id: string) => (await call(cast.buyer, 'GET', `/orders/${id}`)).json()
  const report = (token: string, orderId: string, body: object = {}) => call(token, 'POST', `/orders/${orderId}/cases`, { listingId: LAMB, kind: 'short_weight', note: '少了半斤', photoIds: [], ...body })
  const decide = (token: string, caseId: string, body: object) => call(token, 'POST', `/cases/${caseId}/decide`, body)
  const pickUp = (order: { pickupCode: string }) => call(cast.staff, 'POST', '/pickups/verify', { code: order.pickupCode })

  async function uploadAs(token: string): Promise<string> {
    const form = multipartForm([{ name: 'file', filename: 'IMG_1.jpg', contentType: 'image/jpeg', data: await photo(64, 48).jpeg().toBuffer() }])
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...form.headers, ...bearer(token) }, payload: form.payload })
    expect(response.statusCode).toBe(201)
    return response.json().id
  }

  /** The lamb-and-milk order, paid through the sandbox, at the desk. */
  const readyOrder = () => ready(t, cast)
  async function pickedUpOrder() {
    const order = await readyOrder()
    expect((await pickUp(order)).statusCode).toBe(200)
    return order
  }

  /** The same order paid through the fake WeChat Pay, then collected, received and picked up. */
  async function pickedUpWeChatOrder() {
    const placed = (await placeOrder(t, cast.buyer, orderBody([['lamb-chops', 2], ['milk-fresh', 3]]))).json()
    const started = (await call(cast.buyer, 'POST', `/orders/${placed.id}/payments`, { provider: 'wechat' })).json()
    const outTradeNo = w.fake.outTradeNoOfPrepay(started.package.replace('prepay_id=', ''))!
    const paid = w.fake.pay(outTradeNo)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: paid.headers, payload: paid.body })).statusCode).toBe(204)
    const order = await orderOf(placed.id)
    for (const parcel of order.parcels) {
      await call(parcel.farmer.name === '王建国' ? cast.shebiya : cast.xindianzi, 'POST', `/parcels/${parcel.id}/collect`)
      await call(cast.staff, 'POST', `/parcels/${parcel.id}/receive`)
    }
    const readyNow = await orderOf(placed.id)
    expect((await pickUp(readyNow)).statusCode).toBe(200)
    return { order: readyNow, outTradeNo }
  }

  const entriesOf = (orderId: string) => t.database.db.selectFrom('commissionEntries').selectAll().where('orderId', '=', orderId).orderBy('at').execute()

  it('lets the buyer report a problem with a photo within 24 hours of pickup, and shows it on the order', async () => {
    const waiting = await readyOrder()
    const early = await report(cast.buyer, waiting.id)
    expect([early.statusCode, early.json().error.details.reason]).toEqual([409, 'case.not_picked_up'])

    const order = await pickedUpOrder()
    const photoId = await uploadAs(cast.buyer)
    const reported = await report(cast.buyer, order.id, { kind: 'spoiled', note: '打开就有异味', photoIds: [photoId] })
    expect(reported.statusCode).toBe(201)
    expect(reported.json()).toMatchObject({ orderId: order.id, listingId: LAMB, title: '草原羔羊肉 羊排', kind: 'spoiled', note: '打开就有异味', reportedBy: 'buyer', status: 'reported', refundFen: null, refund: null })
    expect(reported.json().photos).toEqual([expect.objectContaining({ id: photoId, url: expect.stringMatching(/^http.*\.jpg$/) })])
    expect((await orderOf(order.id)).cases).toEqual([reported.json()])

    t.advance(24 * HOUR + 60_000)
    try {
      const late = await report(cast.buyer, order.id)
      expect([late.statusCode, late.json().error.details.reason]).toEqual([409, 'case.window_closed'])
      // Staff are held to the same 24 hours once the goods are gone.
      expect((await report(cast.staff, order.id)).statusCode).toBe(409)
    } finally {
      t.advance(-(24 * HOUR + 60_000))
    }
    expect((await report(cast.buyer, order.id, { listingId: listingId('millet') })).statusCode).toBe(404) // not a line of this order
    expect((await report(cast.buyer, order.id, { kind: 'lost' })).statusCode).toBe(400)
  })

  it('refunds part of a line through WeChat Pay with its own out_refund_no, and declines another with a reason', async () => {
    const { order, outTradeNo } = await pickedUpWeChatOrder()
    const lamb = (await report(cast.buyer, order.id)).json()
    const milk = (await report(cast.buyer, order.id, { listingId: MILK, kind: 'damaged', note: '瓶子裂了' })).json()

    const tooMuch = await decide(cast.staff, lamb.id, { refundFen: 13601 })
    expect([tooMuch.statusCode, tooMuch.json().error.code, tooMuch.json().error.details.refundableFen]).toEqual([409, 'REFUND_TOO_LARGE', 13600])
    expect((await decide(cast.staff, lamb.id, { refundFen: 0 })).statusCode).toBe(400)
    expect((await decide(cast.staff, lamb.id, { refundFen: 1.5 })).statusCode).toBe(400)

    const refunded = await decide(cast.staff, lamb.id, { refundFen: 3400 })
    expect(refunded.statusCode).toBe(200)
    expect(refunded.json()).toMatchObject({ status: 'refunded', refundFen: 3400, refund: { status: 'succeeded' } })
    const declined = await decide(cast.staff, milk.id, { declineReason: '照片看不出破损' })
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: '照片看不出破损', refundFen: null, refund: null })
    expect((await decide(cast.staff, lamb.id, { declineReason: '再想想' })).statusCode).toBe(409)
    expect((await decide(cast.staff, milk.id, { refundFen: 100 })).statusCode).toBe(409)

    const asked = w.fake.requests.filter((r) => r.path === '/v3/refund/domestic/refunds' && JSON.parse(r.body).out_trade_no === outTradeNo).map((r) => JSON.parse(r.body))
    expect(asked).toEqual([expect.objectContaining({ out_refund_no: expect.stringMatching(/^RF/), reason: '售后退款', amount: { refund: 3400, total: order.totalFen, currency: 'CNY' } })])
    // A second case on the same line refunds the rest of it, under another out_refund_no.
    const again = (await report(cast.buyer, order.id, { kind: 'wrong_item', note: '还有一块不是羊排' })).json()
    expect((await decide(cast.staff, again.id, { refundFen: 10201 })).json().error.details.refundableFen).toBe(10200)
    expect((await decide(cast.staff, again.id, { refundFen: 10200 })).statusCode).toBe(200)
    const numbers = w.fake.requests.filter((r) => r.path === '/v3/refund/domestic/refunds' && JSON.parse(r.body).out_trade_no === outTradeNo).map((r) => JSON.parse(r.body).out_refund_no)
    expect(new Set(numbers).size).toBe(2)

    const view = await orderOf(order.id)
    expect(view.status).toBe('picked_up')
    expect(view.refund).toBeUndefined() // the whole order was not refunded
    expect(view.cases.map((c: any) => [c.kind, c.status, c.refundFen])).toEqual([['short_weight', 'refunded', 3400], ['damaged', 'declined', null], ['wrong_item', 'refunded', 10200]])
    expect(view.timeline.filter((e: any) => e.kind === 'refunded')).toEqual([])
  })

  it('takes the commission back once, in proportion to each refund, and only what is left when the admin refunds the rest', async () => {
    const order = await pickedUpOrder()
    const first = (await report(cast.buyer, order.id)).json()
    await decide(cast.staff, first.id, { refundFen: 4533 }) // a third of ¥136: ¥2.2666… of ¥6.80 → 227
    const second = (await report(cast.staff, order.id)).json()
    await decide(cast.staff, second.id, { refundFen: 4533 }) // two thirds in all: 453 → 226 more
    const reversals = (await entriesOf(order.id)).filter((e) => e.kind === 'reversal')
    expect(reversals.map((e) => [e.caseId, e.commissionFen])).toEqual([[first.id, -227], [second.id, -226]])

    const admin = await signInAs(t.app, 'admin')
    const whole = await call(admin, 'POST', `/admin/orders/${order.id}/refund`)
    expect(whole.json().refund).toEqual({ status: 'succeeded', amountFen: order.totalFen - 9066 })
    const entries = await entriesOf(order.id)
    const lambEntries = entries.filter((e) => e.listingId === LAMB)
    expect(lambEntries.reduce((sum, e) => sum + e.commissionFen, 0)).toBe(0)
    expect(lambEntries.map((e) => e.commissionFen)).toEqual([680, -227, -226, -227])
    // Nothing is left to refund on any line.
    const late = (await report(cast.buyer, order.id, { listingId: MILK })).json()
    expect((await decide(cast.staff, late.id, { refundFen: 1 })).json().error.details.refundableFen).toBe(0)
  })

  it('takes back at pickup the commission on a case refunded at the desk before hand-over', async () => {
    const order = await readyOrder()
    const recorded = await report(cast.staff, order.id, { kind: 'damaged', note: '包装破了' })
    expect(recorded.json()).toMatchObject({ reportedBy: 'county_staff', status: 'reported' })
    await decide(cast.staff, recorded.json().id, { refundFen: 6800 })
    expect(await entriesOf(order.id)).toEqual([])
    await pickUp(order)
    const lamb = (await entriesOf(order.id)).filter((e) => e.listingId === LAMB)
    expect(lamb.map((e) => [e.kind, e.commissionFen])).toEqual([['credit', 680], ['reversal', -340]])
  })

  it('never refunds more than the line when two decisions land at once (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const order = await pickedUpOrder()
      const a = (await report(cast.buyer, order.id)).json()
      const b = (await report(cast.staff, order.id, { kind: 'spoiled' })).json()
      const answers = await Promise.all([decide(cast.staff, a.id, { refundFen: 8000 }), decide(cast.staff, b.id, { refundFen: 8000 })])
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409])
      const refunds = await t.database.db.selectFrom('refunds').selectAll().where('orderId', '=', order.id).execute()
      expect(refunds.map((r) => r.amountFen)).toEqual([8000])
      const reversals = (await entriesOf(order.id)).filter((e) => e.kind === 'reversal')
      expect(reversals.map((e) => e.commissionFen)).toEqual([-400])
    }
  })

  it('shows and decides cases only for their own people (BOLA)', async () => {
    const order = await pickedUpOrder()
    const theirPhoto = await uploadAs(otherBuyer)
    expect((await report(cast.buyer, order.id, { photoIds: [theirPhoto] })).statusCode).toBe(400)
    expect((await report(cast.buyer, order.id, { photoIds: ['pho_doesnotexist'] })).statusCode).toBe(400)
    expect((await report(otherBuyer, order.id)).statusCode).toBe(404)
    expect((await report(otherStaff, order.id)).statusCode).toBe(404)
    expect((await report(farmer, order.id)).statusCode).toBe(403)
    expect((await report(cast.shebiya, order.id)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cases`, payload: { listingId: LAMB, kind: 'damaged', note: '', photoIds: [] } })).statusCode).toBe(401)

    const open = (await report(cast.buyer, order.id)).json()
    expect((await decide(otherStaff, open.id, { refundFen: 100 })).statusCode).toBe(404)
    expect((await decide(cast.buyer, open.id, { refundFen: 100 })).statusCode).toBe(403)
    expect((await decide(farmer, open.id, { declineReason: '不行' })).statusCode).toBe(403)
    expect((await decide(cast.staff, 'cas_nosuchcase', { declineReason: '不行' })).statusCode).toBe(404)

    const listed = (await call(cast.staff, 'GET', '/county/cases')).json()
    const mine = listed.items.find((c: any) => c.id === open.id)
    expect(mine).toMatchObject({ status: 'reported', buyer: { name: '陈晓（呼和浩特）' }, lineTotalFen: 13600, refundableFen: 13600, quantity: 2, unit: 'jin' })
    expect(listed.items.findIndex((c: any) => c.status !== 'reported')).toBeGreaterThan(listed.items.findLastIndex((c: any) => c.status === 'reported'))
    expect((await call(otherStaff, 'GET', '/county/cases')).json().items).toEqual([])
    for (const token of [cast.buyer, farmer, cast.shebiya]) expect((await call(token, 'GET', '/county/cases')).statusCode).toBe(403)
    expect((await call(otherBuyer, 'GET', `/orders/${order.id}`)).statusCode).toBe(404)
    // The decision stays where it was made.
    expect((await decide(cast.staff, open.id, { declineReason: '称重无误' })).statusCode).toBe(200)
    expect((await orderOf(order.id)).cases.find((c: any) => c.id === open.id)).toMatchObject({ status: 'declined', declineReason: '称重无误' })
  })

  // Last in this block: from here on the fake's refunds answer PROCESSING until settled.
  it('settles a partial refund WeChat Pay is still processing by its notification, on its case only', async () => {
    w.fake.refundsTakeTime()
    const { order } = await pickedUpWeChatOrder()
    const item = (await report(cast.buyer, order.id)).json()
    expect((await decide(cast.staff, item.id, { refundFen: 5000 })).json()).toMatchObject({ status: 'refunded', refundFen: 5000, refund: { status: 'pending' } })
    const refund = await t.database.db.selectFrom('refunds').selectAll().where('caseId', '=', item.id).executeTakeFirstOrThrow()
    const settled = w.fake.settleRefund(refund.outRefundNo)
    const deliver = () => t.app.inject({ method: 'POST', url: '/api/v1/payments/wechat/notify', headers: settled.headers, payload: settled.body })
    expect((await Promise.all([deliver(), deliver()])).map((r) => r.statusCode)).toEqual([204, 204])
    const view = await orderOf(order.id)
    expect(view.cases).toEqual([expect.objectContaining({ id: item.id, refund: { status: 'succeeded' } })])
    expect(view.refund).toBeUndefined()
    expect(view.timeline.filter((e: any) => e.kind === 'refunded')).toEqual([])
  })
})

describe.each(DATABASES)('migration 008 on %s', (dialect) => {
  it('rebuilds commission_entries under the new key with every entry kept', async () => {
    const t = await createTestApp(dialect)
    try {
      const cast = await Promise.all(['buyer-chenxiao', 'op-shebiya', 'op-xindianzi', 'staff-gao'].map((key) => signInAs(t.app, key)))
      const order = await ready(t, { buyer: cast[0], shebiya: cast[1], xindianzi: cast[2], staff: cast[3] })
      await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast[3]), payload: { code: order.pickupCode } })
      const entries = () => t.database.db.selectFrom('commissionEntries').selectAll().orderBy('id').execute()
      const before = await entries()
      expect(before).toHaveLength(2)
      await afterSaleMigration.down(t.database.db)
      await afterSaleMigration.up(t.database.db)
      expect(await entries()).toEqual(before)
      // The new key: one reversal per case on a line, and still one whole-order reversal.
      const reversal = { ...before[0], kind: 'reversal' as const, commissionFen: -1 }
      await t.database.db.insertInto('commissionEntries').values([{ ...reversal, id: 'com_a', caseId: 'cas_a' }, { ...reversal, id: 'com_b', caseId: 'cas_b' }, { ...reversal, id: 'com_c', caseId: '' }]).execute()
      // Caught by hand: better-sqlite3's errors may come from another realm (the module is loaded
      // once per jest worker), which `rejects.toThrow()` does not take for an error.
      const refused = await t.database.db.insertInto('commissionEntries').values({ ...reversal, id: 'com_d', caseId: 'cas_a' }).execute().then(() => null, (error: { code?: string }) => error.code)
      expect(refused).toMatch(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/)
    } finally {
      await t.close()
    }
  }, 30_000)
})
