import { readyOrder as ready, signInCast, twoParcelOrder as twoParcels } from './support/order-fixtures'
import { secondStaff, staffOfAnotherCounty } from './support/staff-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* From village to county on SQLite and PostgreSQL: the cun xiao'er collects parcels, county staff
   receive them from the collection run, the order becomes ready with its last parcel, the buyer's
   code hands it over once, wrong codes are limited in the database, and the commission is
   credited once per line. */

describe.each(DATABASES)('parcels and pickup on %s', (dialect) => {
  let t: TestApp
  let buyer: string
  let shebiya: string // 王建国's village operator
  let xindianzi: string // 李秀英's
  let staff: string
  let otherCountyStaff: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    ;({ buyer, shebiya, xindianzi, staff } = await signInCast(t))
    otherCountyStaff = await staffOfAnotherCounty(t)
  })
  afterAll(() => t?.close())

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })
  const orderOf = async (id: string) => (await call(buyer, 'GET', `/orders/${id}`)).json()

  const cast = () => ({ buyer, shebiya, xindianzi, staff })
  const twoParcelOrder = () => twoParcels(t, cast())
  const readyOrder = () => ready(t, cast())

  it('shows each village’s operator what to collect from which farmer, on the run’s date', async () => {
    const { lamb, date } = await twoParcelOrder()
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const mine = (await call(shebiya, 'GET', `/village/parcels?date=${date}`)).json()
    expect(mine.items.map((p: any) => p.id)).toContain(lamb.id)
    const parcel = mine.items.find((p: any) => p.id === lamb.id)
    expect(parcel).toMatchObject({ status: 'awaiting_collection', farmer: { name: '王建国' }, village: { name: '舍必崖村' }, lines: [{ title: '草原羔羊肉 羊排', quantity: 2, unit: 'jin' }], weightGrams: 1000 })
    const theirs = (await call(xindianzi, 'GET', `/village/parcels?date=${date}`)).json()
    expect(theirs.items.map((p: any) => p.id)).not.toContain(lamb.id)
    expect((await call(shebiya, 'GET', '/village/parcels?date=2026-13-01')).statusCode).toBe(400)
  })

  it('lets only the parcel’s own village operator collect it, once', async () => {
    const { order, lamb } = await twoParcelOrder()
    expect((await call(xindianzi, 'POST', `/parcels/${lamb.id}/collect`)).statusCode).toBe(404)
    expect((await call(buyer, 'POST', `/parcels/${lamb.id}/collect`)).statusCode).toBe(403)
    expect((await call(staff, 'POST', `/parcels/${lamb.id}/collect`)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/parcels/${lamb.id}/collect` })).statusCode).toBe(401)
    const collected = await call(shebiya, 'POST', `/parcels/${lamb.id}/collect`)
    expect(collected.statusCode).toBe(200)
    expect(collected.json().status).toBe('collected')
    const again = await call(shebiya, 'POST', `/parcels/${lamb.id}/collect`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('INVALID_TRANSITION')
    // Handed in: the buyer can no longer cancel.
    expect((await orderOf(order.id)).canCancel).toBe(false)
  })

  it('lists the collection run by village for county staff, and receives only at its own center', async () => {
    const { order, lamb, milk, date } = await twoParcelOrder()
    await call(shebiya, 'POST', `/parcels/${lamb.id}/collect`)
    await call(xindianzi, 'POST', `/parcels/${milk.id}/collect`)
    const manifest = (await call(staff, 'GET', `/county/manifest?date=${date}`)).json()
    expect(manifest.date).toBe(date)
    const villages = Object.fromEntries(manifest.villages.map((v: any) => [v.village.name, v]))
    expect(villages['舍必崖村'].parcels.map((p: any) => p.id)).toContain(lamb.id)
    expect(villages['新店子村'].parcels.map((p: any) => p.id)).toContain(milk.id)
    for (const v of manifest.villages) {
      expect(v.parcelCount).toBe(v.parcels.length)
      expect(v.weightGrams).toBe(v.parcels.reduce((sum: number, p: any) => sum + p.weightGrams, 0))
    }
    expect((await call(otherCountyStaff, 'GET', `/county/manifest?date=${date}`)).json().villages).toEqual([])
    expect((await call(shebiya, 'GET', `/county/manifest?date=${date}`)).statusCode).toBe(403)

    expect((await call(otherCountyStaff, 'POST', `/parcels/${lamb.id}/receive`)).statusCode).toBe(404)
    expect((await call(staff, 'POST', `/parcels/${lamb.id}/receive`)).json().status).toBe('received')
    expect((await orderOf(order.id)).status).toBe('paid')
    expect((await call(staff, 'POST', `/parcels/${milk.id}/receive`)).json().status).toBe('received')
    const ready = await orderOf(order.id)
    expect(ready.status).toBe('ready_for_pickup')
    expect(ready.timeline.map((e: any) => e.kind)).toEqual(['placed', 'paid', 'parcel_collected', 'parcel_collected', 'parcel_received', 'parcel_received', 'ready_for_pickup'])
    const messages = await t.database.db.selectFrom('buyerMessages').selectAll().where('orderId', '=', order.id).execute()
    expect(messages).toMatchObject([{ kind: 'ready_for_pickup', status: 'pending' }])
    const pickups = (await call(staff, 'GET', '/county/pickups')).json()
    expect(pickups.items.map((o: any) => o.id)).toContain(order.id)
    expect(JSON.stringify(pickups)).not.toContain(ready.pickupCode)
  })

  it('refuses to receive a parcel that was never collected', async () => {
    const { lamb } = await twoParcelOrder()
    const response = await call(staff, 'POST', `/parcels/${lamb.id}/receive`)
    expect(response.statusCode).toBe(409)
  })

  it('hands the order over on its code exactly once, with 20 staff taps at the same moment', async () => {
    const order = await readyOrder()
    const taps = await Promise.all(Array.from({ length: 20 }, () => call(staff, 'POST', '/pickups/verify', { code: order.pickupCode })))
    const codes = taps.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 200)).toHaveLength(1)
    expect(codes.filter((c) => c === 409)).toHaveLength(19)
    const handedOver = taps.find((r) => r.statusCode === 200)!.json()
    expect(handedOver).toMatchObject({ id: order.id, status: 'picked_up', buyer: { name: '陈晓（呼和浩特）' } })
    expect(handedOver.lines.map((l: any) => l.title)).toEqual(['草原羔羊肉 羊排', '鲜牛奶（当日挤）'])
    const after = await orderOf(order.id)
    expect(after.status).toBe('picked_up')
    expect(after.timeline.filter((e: any) => e.kind === 'picked_up')).toHaveLength(1)
  })

  it('accepts the QR code’s order id with the code, and refuses a code at another county’s center', async () => {
    const order = await readyOrder()
    expect((await call(otherCountyStaff, 'POST', '/pickups/verify', { code: order.pickupCode })).statusCode).toBe(404)
    expect((await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode, orderId: 'ord_someoneelse' })).statusCode).toBe(404)
    expect((await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode, orderId: order.id })).statusCode).toBe(200)
  })

  it('credits the commission to each line’s village operator once, at the county’s rate', async () => {
    const order = await readyOrder()
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    const before = (await call(shebiya, 'GET', `/operator/commissions?month=${month}`)).json()
    await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode })
    await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode })
    const after = (await call(shebiya, 'GET', `/operator/commissions?month=${month}`)).json()
    const mine = after.items.filter((i: any) => i.orderId === order.id)
    // 5 % of ¥136 of lamb chops: ¥6.80.
    expect(mine).toEqual([expect.objectContaining({ title: '草原羔羊肉 羊排', lineTotalFen: 13600, rate: 0.05, commissionFen: 680, kind: 'credit' })])
    expect(after.totalFen - before.totalFen).toBe(680)
    const milk = (await call(xindianzi, 'GET', `/operator/commissions?month=${month}`)).json().items.filter((i: any) => i.orderId === order.id)
    expect(milk).toEqual([expect.objectContaining({ lineTotalFen: 2400, commissionFen: 120 })])
    expect((await call(shebiya, 'GET', '/operator/commissions?month=2026-1')).statusCode).toBe(400)
    expect((await call(buyer, 'GET', `/operator/commissions?month=${month}`)).statusCode).toBe(403)
  })

  it('takes the commission back once when a picked-up order is refunded, in the month of the refund', async () => {
    const admin = await signInAs(t.app, 'admin')
    const order = await readyOrder()
    const chinaMonth = () => new Date(Date.now() + (t.clockOffset() + 8 * 3600_000)).toISOString().slice(0, 7)
    expect((await call(admin, 'POST', `/admin/orders/${order.id}/refund`)).statusCode).toBe(409) // not picked up yet
    await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode })
    const creditMonth = chinaMonth()
    expect((await call(buyer, 'POST', `/admin/orders/${order.id}/refund`)).statusCode).toBe(403)
    t.advance(40 * 24 * 3600_000) // the buyer complains next month
    try {
      // Forty days on, everyone has signed in again.
      const [admin40, shebiya40] = [await signInAs(t.app, 'admin'), await signInAs(t.app, 'op-shebiya')]
      const refundMonth = chinaMonth()
      const first = await call(admin40, 'POST', `/admin/orders/${order.id}/refund`)
      expect(first.statusCode).toBe(200)
      expect(first.json()).toMatchObject({ status: 'picked_up', refund: { status: 'succeeded', amountFen: order.totalFen } })
      expect((await call(admin40, 'POST', `/admin/orders/${order.id}/refund`)).statusCode).toBe(200)
      const credit = (await call(shebiya40, 'GET', `/operator/commissions?month=${creditMonth}`)).json().items.filter((i: any) => i.orderId === order.id)
      const reversal = (await call(shebiya40, 'GET', `/operator/commissions?month=${refundMonth}`)).json().items.filter((i: any) => i.orderId === order.id)
      expect(credit.map((i: any) => [i.kind, i.commissionFen])).toEqual([['credit', 680]])
      expect(reversal.map((i: any) => [i.kind, i.commissionFen])).toEqual([['reversal', -680]])
      const refunds = await t.database.db.selectFrom('refunds').selectAll().where('orderId', '=', order.id).execute()
      expect(refunds).toHaveLength(1)
    } finally {
      t.setNow(new Date().toISOString())
    }
  })

  it('limits wrong codes per staff member in the database: the 6th try is refused, also after a restart', async () => {
    const order = await readyOrder()
    const newcomer = await secondStaff(t)
    for (let i = 0; i < 5; i++) {
      const wrong = await call(newcomer, 'POST', '/pickups/verify', { code: order.pickupCode === '000000' ? '000001' : '000000' })
      expect(wrong.statusCode).toBe(404)
    }
    const limited = await call(newcomer, 'POST', '/pickups/verify', { code: order.pickupCode })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('RATE_LIMITED')
    expect(limited.json().error.details.retryAfterSeconds).toBeGreaterThan(14 * 60)
    // The wait told is until the oldest wrong try leaves the 15 minutes, not 15 minutes anew.
    t.advance(6 * 60_000)
    const later = await call(newcomer, 'POST', '/pickups/verify', { code: order.pickupCode })
    expect(later.statusCode).toBe(429)
    expect(later.json().error.details.retryAfterSeconds).toBeGreaterThan(8 * 60)
    expect(later.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(9 * 60)
    // Another server process (or this one restarted) reads the same tries.
    const restarted = await t.anotherServer()
    const still = await restarted.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(newcomer), payload: { code: order.pickupCode } })
    expect(still.statusCode).toBe(429)
    // The limit is the staff member's: a colleague at the same desk can still hand it over.
    expect((await call(staff, 'POST', '/pickups/verify', { code: order.pickupCode })).statusCode).toBe(200)
    // Once the wait told has passed, the newcomer may try again.
    t.advance(later.json().error.details.retryAfterSeconds * 1000)
    expect((await call(newcomer, 'POST', '/pickups/verify', { code: '123456' })).statusCode).not.toBe(429)
  })

  it('limits wrong codes per center too: after 20 wrong tries at one desk, nobody there may try for 15 minutes', async () => {
    const order = await readyOrder()
    t.advance(16 * 60_000) // earlier tests' wrong tries are out of the window
    const wrong = order.pickupCode === '999999' ? '999998' : '999999'
    for (let colleague = 0; colleague < 4; colleague++) {
      const token = await secondStaff(t)
      for (let i = 0; i < 5; i++) expect((await call(token, 'POST', '/pickups/verify', { code: wrong })).statusCode).toBe(404)
    }
    const fresh = await secondStaff(t)
    const limited = await call(fresh, 'POST', '/pickups/verify', { code: order.pickupCode })
    expect(limited.statusCode).toBe(429)
    // The center's limit, not the fresh colleague's own (who has none wrong): until the first of the 20 leaves.
    expect(limited.json().error.details.retryAfterSeconds).toBeGreaterThan(14 * 60)
    t.advance(limited.json().error.details.retryAfterSeconds * 1000)
    expect((await call(fresh, 'POST', '/pickups/verify', { code: order.pickupCode })).statusCode).toBe(200)
  })
})

