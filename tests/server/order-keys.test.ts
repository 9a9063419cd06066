import { requestHash } from '../../server/services/orders/idempotency'
import { RULES_KEPT_MS } from '../../server/services/orders/order-rules'
import { seedId } from '../../server/ids'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'
import { newKey, orderBody, PICKUP_POINT, placeOrder, setStock, stockOf } from './support/order-fixtures'

/* An order is one write transaction: its Idempotency-Key is claimed, bound to the order and
   given its answer in the order's own transaction (place-order.ts). These are the cases that
   design has to get right besides the everyday replay (orders.test.ts): nothing of a refused
   order is left, keys claimed by an older server (which committed the claim first) are still
   honoured, and the county rules a process keeps are read again in time. */

const ORDER_DAY = '2026-11-28T03:00:00.000Z'
const BUYER_ID = seedId('usr', 'buyer-chenxiao')

describe.each(DATABASES)('Idempotency-Keys claimed with their order on %s', (dialect) => {
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
  })
  beforeEach(() => t.setNow(ORDER_DAY))
  afterAll(() => t?.close())

  const keyRow = (key: string) => t.database.db.selectFrom('idempotencyKeys').selectAll().where('buyerId', '=', BUYER_ID).where('key', '=', key).executeTakeFirst()

  it('keeps the key with its order and the very answer sent, in one go', async () => {
    const key = newKey()
    const placed = await placeOrder(t, buyer, orderBody([['lamb-chops', 1], ['milk-fresh', 2]]), key)
    expect(placed.statusCode).toBe(201)
    const row = await keyRow(key)
    expect(row).toMatchObject({ orderId: placed.json().id, requestHash: requestHash(orderBody([['lamb-chops', 1], ['milk-fresh', 2]])) })
    // Kept with photo paths, sent with URLs: the kept text is the answer but for the origin.
    expect(placed.body.replaceAll(/"(url|thumbUrl)":"http:\/\/[^/"]+\//g, '"$1":"/')).toBe(row!.responseBody)
  })

  it('leaves no key behind a refused order', async () => {
    const key = newKey()
    await setStock(t, 'buckwheat', 1)
    const refused = await placeOrder(t, buyer, orderBody([['buckwheat', 2]]), key)
    expect(refused.json().error.code).toBe('OUT_OF_STOCK')
    expect(await keyRow(key)).toBeUndefined()
  })

  it('tells a request under a key an older server has claimed but not yet placed to wait, then takes the key over once abandoned', async () => {
    const key = newKey()
    const body = orderBody([['millet', 1]])
    await t.database.db
      .insertInto('idempotencyKeys')
      .values({ buyerId: BUYER_ID, key, requestHash: requestHash(body), orderId: null, responseBody: null, createdAt: ORDER_DAY, updatedAt: ORDER_DAY })
      .execute()
    const waiting = await placeOrder(t, buyer, body, key)
    expect(waiting.statusCode).toBe(409)
    expect(waiting.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS')

    t.advance(2 * 60_000 + 1_000)
    const before = await stockOf(t, 'millet')
    const placed = await placeOrder(t, buyer, body, key)
    expect(placed.statusCode).toBe(201)
    expect(placed.headers['idempotent-replayed']).toBeUndefined()
    expect(await stockOf(t, 'millet')).toBe(before - 1)
    expect((await keyRow(key))?.orderId).toBe(placed.json().id)
  })

  it('replays an order an older server placed without keeping its answer, and keeps it then', async () => {
    const key = newKey()
    const first = await placeOrder(t, buyer, orderBody([['oat-flour', 1]]), key)
    await t.database.db.updateTable('idempotencyKeys').set({ responseBody: null }).where('buyerId', '=', BUYER_ID).where('key', '=', key).execute()
    const again = await placeOrder(t, buyer, orderBody([['oat-flour', 1]]), key)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    expect((await keyRow(key))?.responseBody).not.toBeNull()
  })

  it('prices by county rules read again once a process has kept them RULES_KEPT_MS', async () => {
    const county = await t.database.db.selectFrom('pickupPoints').select('countyId').where('id', '=', PICKUP_POINT).executeTakeFirstOrThrow()
    const quote = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: bearer(buyer), payload: orderBody([['millet', 1]]) })).json()
    const before = await quote()
    const tariff = await t.database.db.selectFrom('counties').select(['shippingFirstKgFen']).where('id', '=', county.countyId).executeTakeFirstOrThrow()
    await t.database.db.updateTable('counties').set({ shippingFirstKgFen: tariff.shippingFirstKgFen + 300 }).where('id', '=', county.countyId).execute()
    try {
      t.advance(RULES_KEPT_MS + 1)
      const after = await quote()
      expect(after.parcels[0].shippingFen).toBe(before.parcels[0].shippingFen + 300)
    } finally {
      await t.database.db.updateTable('counties').set(tariff).where('id', '=', county.countyId).execute()
    }
  })
})
