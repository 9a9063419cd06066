import { type PickupCast, signInCast, twoParcelOrder } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* One order's parcels moved at the same moment from different phones, on SQLite and PostgreSQL:
   two villages collecting, two desks receiving, a buyer cancelling while a parcel is handed in.
   Every step lands in the timeline once, the last parcel in always makes the order ready, and a
   cancel never wins over a parcel already handed in. Never a 500. */

const ROUNDS = 8

describe.each(DATABASES)('racing parcel moves on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let colleague: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
    colleague = await signInAs(t.app, 'staff-gao') // a second phone at the same desk
  })
  afterAll(() => t?.close())

  const post = (token: string, url: string) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token), payload: {} })
  const orderOf = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: bearer(cast.buyer) })).json()

  it('collects and receives both parcels at once, and the order is ready every time, each step once in its timeline', async () => {
    const orders = await Promise.all(Array.from({ length: ROUNDS }, () => twoParcelOrder(t, cast)))
    const collected = await Promise.all(orders.flatMap(({ lamb, milk }) => [post(cast.shebiya, `/parcels/${lamb.id}/collect`), post(cast.xindianzi, `/parcels/${milk.id}/collect`)]))
    expect(collected.map((r) => r.statusCode)).toEqual(collected.map(() => 200))
    const received = await Promise.all(orders.flatMap(({ lamb, milk }) => [post(cast.staff, `/parcels/${lamb.id}/receive`), post(colleague, `/parcels/${milk.id}/receive`)]))
    expect(received.map((r) => r.statusCode)).toEqual(received.map(() => 200))
    for (const { order } of orders) {
      const now = await orderOf(order.id)
      expect(now.status).toBe('ready_for_pickup')
      expect(now.timeline.map((e: any) => e.kind).sort()).toEqual(['parcel_collected', 'parcel_collected', 'parcel_received', 'parcel_received', 'placed', 'paid', 'ready_for_pickup'].sort())
    }
  })

  it('lets exactly one of a cancel and a collect win, never both', async () => {
    const orders = await Promise.all(Array.from({ length: ROUNDS }, () => twoParcelOrder(t, cast)))
    const answers = await Promise.all(orders.map(({ order, lamb }) => Promise.all([post(cast.buyer, `/orders/${order.id}/cancel`), post(cast.shebiya, `/parcels/${lamb.id}/collect`)])))
    for (const [i, [cancel, collect]] of answers.entries()) {
      expect([cancel.statusCode, collect.statusCode].sort()).toEqual([200, 409])
      const now = await orderOf(orders[i].order.id)
      const lamb = now.parcels.find((p: any) => p.id === orders[i].lamb.id)
      if (cancel.statusCode === 200) expect([now.status, lamb.status]).toEqual(['cancelled', 'cancelled'])
      else expect([now.status, lamb.status]).toEqual(['paid', 'collected'])
    }
  })
})
