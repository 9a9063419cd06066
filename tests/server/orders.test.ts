import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'
import { createBuyers, listingId, newKey, orderBody, PICKUP_POINT, placeOrder, setStock, stockOf } from './support/order-fixtures'

/* POST /orders and its quote on SQLite and PostgreSQL: prices from the server, stock never
   oversold, idempotency keys, and every way a buyer could tamper with an order. */

// A day the county's 2026 shipping subsidy runs (≤ ¥10 of shipping per order).
const ORDER_DAY = '2026-11-28T03:00:00.000Z'

describe.each(DATABASES)('orders on %s', (dialect) => {
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
  })
  beforeEach(() => t.setNow(ORDER_DAY))
  afterAll(() => t?.close())

  describe('the price', () => {
    // 2 jin of lamb chops from 王建国 (1 kg: ¥8 shipping) and 2 L of milk from 李秀英 (2.06 kg →
    // 3 kg begun: ¥8 + 2 × ¥2): goods ¥152, shipping ¥20, the subsidy takes ¥10 → ¥162.
    const lines: [string, number][] = [
      ['lamb-chops', 2],
      ['milk-fresh', 2],
    ]

    it('is quoted line by line, parcel by parcel, without reserving anything', async () => {
      const before = await stockOf(t, 'lamb-chops')
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: bearer(buyer), payload: orderBody(lines) })
      expect(response.statusCode).toBe(200)
      const quote = response.json()
      expect(quote).toMatchObject({ subtotalFen: 15200, shippingFen: 2000, subsidyFen: 1000, totalFen: 16200 })
      expect(quote.lines.map((l: any) => [l.title, l.lineTotalFen, l.available])).toEqual([
        ['草原羔羊肉 羊排', 13600, true],
        ['鲜牛奶（当日挤）', 1600, true],
      ])
      expect(quote.parcels.map((p: any) => [p.farmer.name, p.weightGrams, p.shippingFen])).toEqual([
        ['王建国', 1000, 800],
        ['李秀英', 2060, 1200],
      ])
      expect(quote.pickupPoint.name).toBe('和林格尔县农村电商服务中心')
      // Paid at 11:00 China time, before the 16:00 cut-off: the next morning's run, ready that day.
      expect(quote.pickup).toMatchObject({ collectionRunDate: '2026-11-29', pickupDate: '2026-11-29' })
      expect(await stockOf(t, 'lamb-chops')).toBe(before)
    })

    it('flags what cannot be had instead of refusing the quote', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: bearer(buyer), payload: orderBody([['lamb-tripe', 1], ['lamb-new', 1], ['milk-skin', 1]]) })
      expect(response.statusCode).toBe(200)
      const quote = response.json()
      expect(quote.lines.map((l: any) => [l.title, l.available])).toEqual([
        ['羊杂（熟）', false], // sold out
        ['羔羊肉 羊肉卷', false], // still under review
        ['奶皮子', true],
      ])
      expect(quote.subtotalFen).toBe(6000)
    })

    it('is charged as quoted, from the server’s prices, with one parcel per farmer', async () => {
      const lamb = await stockOf(t, 'lamb-chops')
      const response = await placeOrder(t, buyer, orderBody(lines))
      expect(response.statusCode).toBe(201)
      const order = response.json()
      expect(order).toMatchObject({ status: 'pending_payment', subtotalFen: 15200, shippingFen: 2000, subsidyFen: 1000, totalFen: 16200, pickupPointId: PICKUP_POINT, paidAt: null, pickup: null, canCancel: true })
      expect(order.pickupCode).toBeUndefined()
      expect(order.lines.map((l: any) => [l.listingId, l.quantity, l.unitPriceFen, l.lineTotalFen])).toEqual([
        [listingId('lamb-chops'), 2, 6800, 13600],
        [listingId('milk-fresh'), 2, 800, 1600],
      ])
      expect(order.parcels.map((p: any) => [p.farmer.name, p.village.name, p.status, p.shippingFen])).toEqual([
        ['王建国', '舍必崖村', 'awaiting_collection', 800],
        ['李秀英', '新店子村', 'awaiting_collection', 1200],
      ])
      expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(30 * 60_000)
      expect(order.timeline.map((e: any) => e.kind)).toEqual(['placed'])
      expect(await stockOf(t, 'lamb-chops')).toBe(lamb - 2)
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: bearer(buyer) })
      expect(read.json()).toEqual(order)
    })

    it('counts two lines of one listing together', async () => {
      await setStock(t, 'milk-skin', 10)
      const refused = await placeOrder(t, buyer, orderBody([['milk-skin', 6], ['milk-skin', 6]]))
      expect(refused.statusCode).toBe(409)
      expect(refused.json().error).toMatchObject({ code: 'OUT_OF_STOCK', details: { listingId: listingId('milk-skin'), available: 10 } })
      expect(await stockOf(t, 'milk-skin')).toBe(10)
      const merged = await placeOrder(t, buyer, orderBody([['milk-skin', 4], ['milk-skin', 6]]))
      expect(merged.statusCode).toBe(201)
      expect(merged.json().lines).toHaveLength(1)
      expect(merged.json().lines[0].quantity).toBe(10)
      expect(await stockOf(t, 'milk-skin')).toBe(0)
    })
  })

  describe('tampering', () => {
    const lamb = listingId('lamb-chops')
    it.each([
      ['a negative quantity', { lines: [{ listingId: lamb, quantity: -1 }], pickupPointId: PICKUP_POINT }],
      ['a zero quantity', { lines: [{ listingId: lamb, quantity: 0 }], pickupPointId: PICKUP_POINT }],
      ['a fractional quantity', { lines: [{ listingId: lamb, quantity: 1.5 }], pickupPointId: PICKUP_POINT }],
      ['a quantity as text', { lines: [{ listingId: lamb, quantity: '2' }], pickupPointId: PICKUP_POINT }],
      ['a huge quantity', { lines: [{ listingId: lamb, quantity: 1e12 }], pickupPointId: PICKUP_POINT }],
      ['a price of its own', { lines: [{ listingId: lamb, quantity: 1, unitPriceFen: 1 }], pickupPointId: PICKUP_POINT }],
      ['a total of its own', { lines: [{ listingId: lamb, quantity: 1 }], pickupPointId: PICKUP_POINT, totalFen: 1 }],
      ['a status of its own', { lines: [{ listingId: lamb, quantity: 1 }], pickupPointId: PICKUP_POINT, status: 'paid' }],
      ['no lines', { lines: [], pickupPointId: PICKUP_POINT }],
      ['no pickup point', { lines: [{ listingId: lamb, quantity: 1 }] }],
    ])('refuses %s with a 400 and takes no stock', async (_what, body) => {
      const before = await stockOf(t, 'lamb-chops')
      const response = await placeOrder(t, buyer, body)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('VALIDATION_FAILED')
      expect(await stockOf(t, 'lamb-chops')).toBe(before)
    })

    it('refuses a listing that is not live, a listing or pickup point that does not exist', async () => {
      expect((await placeOrder(t, buyer, orderBody([['lamb-new', 1]]))).json().error.code).toBe('LISTING_UNAVAILABLE')
      expect((await placeOrder(t, buyer, { lines: [{ listingId: 'lst_nope', quantity: 1 }], pickupPointId: PICKUP_POINT })).statusCode).toBe(404)
      expect((await placeOrder(t, buyer, { lines: [{ listingId: lamb, quantity: 1 }], pickupPointId: 'pup_nope' })).statusCode).toBe(404)
    })

    it('lets only signed-in buyers order, and each see only their own orders', async () => {
      const farmer = await signInAs(t.app, 'wang-jianguo')
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': newKey() }, payload: orderBody([['lamb-chops', 1]]) })).statusCode).toBe(401)
      expect((await placeOrder(t, farmer, orderBody([['lamb-chops', 1]]))).statusCode).toBe(403)
      const order = (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()
      const other = await signInAs(t.app, 'buyer-zhoumin')
      for (const [method, url] of [['GET', `/api/v1/orders/${order.id}`], ['POST', `/api/v1/orders/${order.id}/cancel`], ['POST', `/api/v1/orders/${order.id}/payments`]] as const) {
        const response = await t.app.inject({ method, url, headers: bearer(other), payload: method === 'POST' && url.endsWith('payments') ? { provider: 'sandbox' } : undefined })
        expect(response.statusCode).toBe(404)
      }
      const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: bearer(other) })
      expect(theirs.json().items.map((o: any) => o.id)).not.toContain(order.id)
    })
  })

  describe('the Idempotency-Key', () => {
    it('is required', async () => {
      const response = await placeOrder(t, buyer, orderBody([['millet', 1]]), null)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.details).toHaveProperty('Idempotency-Key')
      expect((await placeOrder(t, buyer, orderBody([['millet', 1]]), 'has spaces in it')).statusCode).toBe(400)
    })

    it('replayed with the same body answers the same order, once', async () => {
      const key = newKey()
      const before = await stockOf(t, 'millet')
      const first = await placeOrder(t, buyer, orderBody([['millet', 3]]), key)
      const again = await placeOrder(t, buyer, orderBody([['millet', 3]]), key)
      expect(first.statusCode).toBe(201)
      expect(again.statusCode).toBe(201)
      expect(again.body).toBe(first.body)
      expect(again.headers['idempotent-replayed']).toBe('true')
      expect(await stockOf(t, 'millet')).toBe(before - 3)
    })

    it('reused with another body is refused (422)', async () => {
      const key = newKey()
      expect((await placeOrder(t, buyer, orderBody([['millet', 1]]), key)).statusCode).toBe(201)
      const reused = await placeOrder(t, buyer, orderBody([['millet', 2]]), key)
      expect(reused.statusCode).toBe(422)
      expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    })

    it('is the buyer’s own: another buyer’s same key is another order', async () => {
      const key = newKey()
      const other = await signInAs(t.app, 'buyer-zhoumin')
      const mine = await placeOrder(t, buyer, orderBody([['millet', 1]]), key)
      const theirs = await placeOrder(t, other, orderBody([['millet', 1]]), key)
      expect(theirs.statusCode).toBe(201)
      expect(theirs.json().id).not.toBe(mine.json().id)
    })

    it('raced: one order, and every other request waits for it and gets the same answer', async () => {
      const key = newKey()
      const before = await stockOf(t, 'millet')
      const responses = await Promise.all(Array.from({ length: 8 }, () => placeOrder(t, buyer, orderBody([['millet', 2]]), key)))
      expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201))
      expect(new Set(responses.map((r) => r.body)).size).toBe(1)
      expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1)
      expect(await stockOf(t, 'millet')).toBe(before - 2)
    })

    it('after a refusal is free again: the same key works once stock is back', async () => {
      const key = newKey()
      await setStock(t, 'buckwheat', 1)
      expect((await placeOrder(t, buyer, orderBody([['buckwheat', 2]]), key)).statusCode).toBe(409)
      await setStock(t, 'buckwheat', 5)
      expect((await placeOrder(t, buyer, orderBody([['buckwheat', 2]]), key)).statusCode).toBe(201)
    })
  })

  it('50 buyers race for the last 10 units: exactly 10 orders, 40 OUT_OF_STOCK, stock 0', async () => {
    await setStock(t, 'lamb-leg', 10)
    const buyers = await createBuyers(t, 50)
    const responses = await Promise.all(buyers.map((token) => placeOrder(t, token, orderBody([['lamb-leg', 1]]))))
    const codes = responses.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 201)).toHaveLength(10)
    expect(codes.filter((c) => c === 409)).toHaveLength(40)
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json().error.code).toBe('OUT_OF_STOCK')
    expect(await stockOf(t, 'lamb-leg')).toBe(0)
    const ordered = await t.database.db.selectFrom('orderLines').select((eb) => eb.fn.sum<number | string>('quantity').as('sum')).where('listingId', '=', listingId('lamb-leg')).executeTakeFirstOrThrow()
    expect(Number(ordered.sum)).toBe(10)
  })
})
