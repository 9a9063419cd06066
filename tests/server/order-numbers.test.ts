import { chinaMonth } from '../../src/domain/china-time'
import * as orderNumbers from '../../server/db/migrations/006_order_numbers'
import { createBuyers, newKey, orderBody, paidOrder, paidOrderOf, placeOrder, readyOrder, setStock, signInCast, twoParcelOrder, type PickupCast } from './support/order-fixtures'
import { createSecondCounty, type SecondCounty } from './support/second-county'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* Short order numbers on SQLite and PostgreSQL: given at payment from the collection run's day
   and the county's sequence, never twice under fifty payments at once, a sequence per day and
   per county, shown wherever the order or its parcels are, found at the desk of the order's own
   center only, and given by the migration to orders paid before it. */

const seqOf = (number: string) => Number(number.slice(5))

describe.each(DATABASES)('order numbers on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let other: SecondCounty

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
    other = await createSecondCounty(t)
    for (const key of ['millet', 'lamb-chops', 'milk-fresh']) await setStock(t, key, 5000)
  }, 60_000)
  afterEach(() => t.setNow(new Date().toISOString()))
  afterAll(() => t?.close())

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })
  const get = async (token: string, url: string) => (await call(token, 'GET', url)).json()
  const lookUp = (token: string, typed: string) => call(token, 'GET', `/county/pickups?number=${encodeURIComponent(typed)}`)
  const otherCountyOrder = (token: string) => paidOrderOf(t, token, { lines: [{ listingId: other.listingId, quantity: 1 }], pickupPointId: other.pickupPointId })

  /** The server's clock set to this instant, and the people signed in anew: a session from
   *  years away has expired. */
  async function at(iso: string) {
    t.setNow(iso)
    const [buyer, staff] = await Promise.all([signInAs(t.app, 'buyer-chenxiao'), signInAs(t.app, 'staff-gao')])
    return { buyer, staff, otherStaff: await signInAs(t.app, '', other.staffId) }
  }

  async function pay(token: string, orderId: string) {
    const started = await call(token, 'POST', `/orders/${orderId}/payments`, { provider: 'sandbox' })
    return call(token, 'POST', `/payments/sandbox/${started.json().paymentId}/confirm`)
  }

  it('gives an order its number at payment: the run’s month and day, then the county’s sequence of that day', async () => {
    const { buyer } = await at('2031-03-10T02:00:00.000Z') // 10:00 in China, before the 16:00 cut-off: the run of 11 March
    const placed = (await placeOrder(t, buyer, orderBody([['millet', 1]]))).json()
    expect(placed.number).toBeNull()
    expect((await get(buyer, `/orders/${placed.id}`)).number).toBeNull()

    const first = (await pay(buyer, placed.id)).json()
    expect(first.number).toBe('0311-001')
    expect(first.parcels.map((p: any) => [p.collectionRunDate, p.number])).toEqual([['2031-03-11', '0311-001']])
    expect((await paidOrder(t, buyer, [['millet', 1]])).number).toBe('0311-002')

    t.setNow('2031-03-10T09:00:00.000Z') // 17:00: past the cut-off, the run of 12 March starts at 001
    expect((await paidOrder(t, buyer, [['millet', 1]])).number).toBe('0312-001')

    // The number shows no year: the same day a year on carries the sequence on instead of repeating it.
    const later = await at('2032-03-10T02:00:00.000Z')
    expect((await paidOrder(t, later.buyer, [['millet', 1]])).number).toBe('0311-003')

    const mine = await get(later.buyer, '/orders?limit=100')
    expect(mine.items.find((o: any) => o.id === first.id).number).toBe('0311-001')
    expect(mine.items.find((o: any) => o.id === placed.id).number).toBe('0311-001')
  })

  it('numbers fifty payments confirmed at the same moment once each, 001 to 050', async () => {
    t.setNow('2031-05-20T02:00:00.000Z')
    const buyers = await createBuyers(t, 50, 'numbered')
    const placed: { token: string; paymentId: string }[] = []
    for (const token of buyers) {
      const order = (await placeOrder(t, token, orderBody([['millet', 1]]), newKey())).json()
      const started = await call(token, 'POST', `/orders/${order.id}/payments`, { provider: 'sandbox' })
      placed.push({ token, paymentId: started.json().paymentId })
    }
    const answers = await Promise.all(placed.map(({ token, paymentId }) => call(token, 'POST', `/payments/sandbox/${paymentId}/confirm`)))
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200))
    const numbers: string[] = answers.map((a) => a.json().number)
    expect(new Set(numbers).size).toBe(50)
    expect(numbers.every((n) => n.startsWith('0521-'))).toBe(true)
    expect(numbers.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    const counter = await t.database.db.selectFrom('orderNumberCounters').select('lastSeq').where('day', '=', '0521').execute()
    expect(counter.map((c) => Number(c.lastSeq))).toEqual([50])
  }, 120_000)

  it('keeps a sequence per county, and each county’s staff find their own order under a number both counties gave', async () => {
    const { buyer, staff, otherStaff } = await at('2031-07-01T02:00:00.000Z')
    const here = await paidOrder(t, buyer, [['millet', 1]])
    const there = await otherCountyOrder(buyer)
    expect([here.number, there.number]).toEqual(['0702-001', '0702-001'])
    expect((await otherCountyOrder(buyer)).number).toBe('0702-002')
    expect((await paidOrder(t, buyer, [['millet', 1]])).number).toBe('0702-002')

    expect((await lookUp(staff, '0702-001')).json().items.map((o: any) => o.id)).toEqual([here.id])
    expect((await lookUp(otherStaff, '0702-001')).json().items.map((o: any) => o.id)).toEqual([there.id])
  })

  it('shows the number in every view of the order and its parcels: the buyer’s, the village’s, the manifest, the desk and the CSV', async () => {
    const { order, lamb, milk, date } = await twoParcelOrder(t, cast)
    expect(order.number).toMatch(/^\d{4}-\d{3,}$/)
    expect(order.number.slice(0, 4)).toBe(date.slice(5, 7) + date.slice(8, 10))
    expect(order.parcels.map((p: any) => p.number)).toEqual([order.number, order.number])

    const village = await get(cast.shebiya, `/village/parcels?date=${date}`)
    expect(village.items.find((p: any) => p.id === lamb.id).number).toBe(order.number)
    expect((await call(cast.shebiya, 'POST', `/parcels/${lamb.id}/collect`)).json().number).toBe(order.number)
    await call(cast.xindianzi, 'POST', `/parcels/${milk.id}/collect`)
    const manifest = await get(cast.staff, `/county/manifest?date=${date}`)
    const onManifest = manifest.villages.flatMap((v: any) => v.parcels).filter((p: any) => p.orderId === order.id)
    expect(onManifest.map((p: any) => p.number)).toEqual([order.number, order.number])
    expect((await call(cast.staff, 'POST', `/parcels/${lamb.id}/receive`)).json().number).toBe(order.number)
    await call(cast.staff, 'POST', `/parcels/${milk.id}/receive`)

    const waiting = await get(cast.staff, '/county/pickups')
    expect(waiting.items.find((o: any) => o.id === order.id).number).toBe(order.number)
    const ready = await get(cast.buyer, `/orders/${order.id}`)
    const handedOver = await call(cast.staff, 'POST', '/pickups/verify', { code: ready.pickupCode })
    expect(handedOver.json()).toMatchObject({ id: order.id, number: order.number, status: 'picked_up' })

    const month = chinaMonth(order.paidAt)
    const csv = (await call(cast.staff, 'GET', `/county/reports/subsidy?month=${month}`)).body
    const row = csv.split('\r\n').map((line) => line.split(',')).find((cells) => cells[7] === order.id)
    expect(row?.[0]).toBe(order.number)
  })

  it('finds an order of the staff member’s own center by its number however it is typed, without its code and without handing it over', async () => {
    const ready = await readyOrder(t, cast)
    for (const typed of [ready.number, ready.number.replace('-', ''), ` ${ready.number.replace('-', ' ')} `]) {
      const found = await lookUp(cast.staff, typed)
      expect(found.statusCode).toBe(200)
      expect(found.json().items).toHaveLength(1)
      const [desk] = found.json().items
      expect(desk).toMatchObject({ id: ready.id, number: ready.number, status: 'ready_for_pickup', buyer: { name: expect.any(String) }, totalFen: ready.totalFen })
      expect(desk.lines.map((l: any) => l.title)).toEqual(ready.lines.map((l: any) => l.title))
      expect(Object.keys(desk).filter((key) => /code/i.test(key))).toEqual([])
    }
    expect((await get(cast.buyer, `/orders/${ready.id}`)).status).toBe('ready_for_pickup')

    // One still on its way is found too, as it is: the buyer phoning to ask where it is.
    const { order: onItsWay } = await twoParcelOrder(t, cast)
    expect((await lookUp(cast.staff, onItsWay.number)).json().items[0]).toMatchObject({ id: onItsWay.id, status: 'paid' })

    expect((await lookUp(other.staff, ready.number)).statusCode).toBe(404)
    expect((await lookUp(cast.buyer, ready.number)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/county/pickups?number=${ready.number}` })).statusCode).toBe(401)
    for (const typed of ['abc', '1303-001', '1203-000', 'ord_1', '']) expect((await lookUp(cast.staff, typed)).statusCode).toBe(400)
    expect((await lookUp(cast.staff, '0101-9999')).statusCode).toBe(404)

    // Handing over still takes the code.
    expect((await call(cast.staff, 'POST', '/pickups/verify', { code: ready.pickupCode, orderId: ready.id })).json().number).toBe(ready.number)
  })
})

describe.each(DATABASES)('the migration of order numbers on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  }, 60_000)
  afterAll(() => t?.close())

  it('numbers the orders paid before it in the order they were paid, on their parcels’ run, and payments carry on from there', async () => {
    const cast = await signInCast(t)
    const db = t.database.db
    const [a, b, c] = [await paidOrder(t, cast.buyer, [['millet', 1]]), await paidOrder(t, cast.buyer, [['millet', 1]]), await paidOrder(t, cast.buyer, [['millet', 1]])]
    const unpaid = (await placeOrder(t, cast.buyer, orderBody([['millet', 1]]))).json()
    // As a database from before: b was paid first, both for the run of 2 April; c's parcels never
    // had a run (paid at 18:00, past the cut-off: the run of 3 April), and nobody had a number.
    await db.updateTable('orders').set({ paidAt: '2030-04-01T03:00:00.000Z' }).where('id', '=', a.id).execute()
    await db.updateTable('orders').set({ paidAt: '2030-04-01T02:00:00.000Z' }).where('id', '=', b.id).execute()
    await db.updateTable('orders').set({ paidAt: '2030-04-01T10:00:00.000Z' }).where('id', '=', c.id).execute()
    await db.updateTable('parcels').set({ collectionRunDate: '2030-04-02' }).where('orderId', 'in', [a.id, b.id]).execute()
    await db.updateTable('parcels').set({ collectionRunDate: null }).where('orderId', '=', c.id).execute()
    await orderNumbers.down(db)

    await orderNumbers.up(db)
    const numbers = await db.selectFrom('orders').select(['id', 'number']).where('id', 'in', [a.id, b.id, c.id, unpaid.id]).execute()
    expect(Object.fromEntries(numbers.map((o) => [o.id, o.number]))).toEqual({ [b.id]: '0402-001', [a.id]: '0402-002', [c.id]: '0403-001', [unpaid.id]: null })

    t.setNow('2030-04-01T05:00:00.000Z')
    const buyer = await signInAs(t.app, 'buyer-chenxiao') // a session from years away has expired
    expect((await paidOrder(t, buyer, [['millet', 1]])).number).toBe('0402-003')
    t.setNow(new Date().toISOString())
  })
})
