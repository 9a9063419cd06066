import { seedId } from '../../server/ids'
import { type PickupCast, readyOrder, setStock, signInCast, twoParcelOrder } from './support/order-fixtures'
import { secondStaff } from './support/staff-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* A mistaken 已收到 or 收货 undone, on SQLite and PostgreSQL: by the person who tapped only,
   within 10 minutes, never once the order has moved on; written to the order's timeline; and
   racing the next step (the county receiving, the desk handing over), exactly one wins. */

const ROUNDS = 8

describe.each(DATABASES)('undoing a parcel step on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let colleague: string // a second county staff member at the same desk

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
    colleague = await secondStaff(t)
    // Two races of eight orders each outrun the demo stock.
    await setStock(t, 'lamb-chops', 500)
    await setStock(t, 'milk-fresh', 500)
  })
  afterAll(() => t?.close())

  const post = (token: string, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token), payload })
  const orderOf = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: bearer(cast.buyer) })).json()
  const kinds = (order: any) => order.timeline.map((e: any) => e.kind)
  /** The undo and the next step at once, the undo sent first in even rounds: answers as [undo, next]. */
  const both = async <T>(round: number, undo: () => Promise<T>, next: () => Promise<T>): Promise<[T, T]> => {
    if (round % 2 === 0) return Promise.all([undo(), next()])
    const [second, first] = await Promise.all([next(), undo()])
    return [first, second]
  }

  async function anotherOperatorOfShebiya(): Promise<string> {
    const userId = seedId('usr', `op-shebiya-2-${Math.random()}`)
    const me = await t.database.db.selectFrom('users').select('villageId').where('id', '=', seedId('usr', 'op-shebiya')).executeTakeFirstOrThrow()
    await t.database.db.insertInto('users').values({ id: userId, role: 'operator', name: '村小二 二号', villageId: me.villageId, countyId: null, farmerId: null, wechatOpenid: null, createdAt: new Date().toISOString() }).execute()
    return signInAs(t.app, '', userId)
  }

  it('lets the cun xiao’er who collected a parcel undo it, and nobody else', async () => {
    const { order, lamb, date } = await twoParcelOrder(t, cast)
    const collected = await post(cast.shebiya, `/parcels/${lamb.id}/collect`)
    expect(collected.json().undoUntil).toBe(new Date(Date.parse(collected.json().undoUntil)).toISOString())
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/village/parcels?date=${date}`, headers: bearer(cast.shebiya) })
    expect(list.json().items.find((p: any) => p.id === lamb.id).undoUntil).toBeDefined()

    expect((await post(cast.xindianzi, `/parcels/${lamb.id}/undo`)).statusCode).toBe(404)
    expect((await post(cast.buyer, `/parcels/${lamb.id}/undo`)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/parcels/${lamb.id}/undo` })).statusCode).toBe(401)
    const staffTry = await post(cast.staff, `/parcels/${lamb.id}/undo`)
    expect([staffTry.statusCode, staffTry.json().error.details.reason]).toEqual([403, 'undo.not_yours'])
    const neighbour = await anotherOperatorOfShebiya()
    const neighbourTry = await post(neighbour, `/parcels/${lamb.id}/undo`)
    expect([neighbourTry.statusCode, neighbourTry.json().error.details.reason]).toEqual([403, 'undo.not_yours'])
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/village/parcels?date=${date}`, headers: bearer(neighbour) })
    expect(listed.json().items.find((p: any) => p.id === lamb.id).undoUntil).toBeUndefined()

    const undone = await post(cast.shebiya, `/parcels/${lamb.id}/undo`)
    expect(undone.statusCode).toBe(200)
    expect(undone.json()).toMatchObject({ id: lamb.id, status: 'awaiting_collection' })
    expect(undone.json().undoUntil).toBeUndefined()
    const after = await orderOf(order.id)
    expect(kinds(after)).toEqual(['placed', 'paid', 'parcel_collected', 'parcel_collect_undone'])
    expect(after.timeline[3].farmer.name).toBe('王建国')
    expect(after.canCancel).toBe(true)
    // Nothing left to undo; collecting again works as the first time.
    expect((await post(cast.shebiya, `/parcels/${lamb.id}/undo`)).json().error).toMatchObject({ code: 'UNDO_REFUSED', details: { reason: 'undo.nothing_to_undo' } })
    expect((await post(cast.shebiya, `/parcels/${lamb.id}/collect`)).json().status).toBe('collected')
  })

  it('refuses after 10 minutes', async () => {
    const { lamb } = await twoParcelOrder(t, cast)
    await post(cast.shebiya, `/parcels/${lamb.id}/collect`)
    t.advance(10 * 60_000)
    const late = await post(cast.shebiya, `/parcels/${lamb.id}/undo`)
    expect([late.statusCode, late.json().error.code, late.json().error.details.reason]).toEqual([409, 'UNDO_REFUSED', 'undo.too_late'])
  })

  it('refuses a collect undo once the county received the parcel', async () => {
    const { lamb } = await twoParcelOrder(t, cast)
    await post(cast.shebiya, `/parcels/${lamb.id}/collect`)
    await post(cast.staff, `/parcels/${lamb.id}/receive`)
    const refused = await post(cast.shebiya, `/parcels/${lamb.id}/undo`)
    expect([refused.statusCode, refused.json().error.details.reason]).toEqual([409, 'undo.parcel_moved_on'])
  })

  it('takes a receive back, the ready order back to paid and its message out of the outbox; receiving again makes it ready again', async () => {
    const order = await readyOrder(t, cast)
    const milk = order.parcels.find((p: any) => p.farmer.name === '李秀英')
    expect((await post(colleague, `/parcels/${milk.id}/undo`)).statusCode).toBe(403)
    const undone = await post(cast.staff, `/parcels/${milk.id}/undo`)
    expect(undone.json()).toMatchObject({ status: 'collected' })
    const back = await orderOf(order.id)
    expect(back.status).toBe('paid')
    expect(kinds(back).slice(-2)).toEqual(['ready_for_pickup', 'parcel_receive_undone'])
    expect(await t.database.db.selectFrom('buyerMessages').selectAll().where('orderId', '=', order.id).execute()).toEqual([])
    expect((await post(cast.staff, '/pickups/verify', { code: order.pickupCode, orderId: order.id })).statusCode).toBe(409)

    expect((await post(colleague, `/parcels/${milk.id}/receive`)).json().status).toBe('received')
    expect((await orderOf(order.id)).status).toBe('ready_for_pickup')
    expect(await t.database.db.selectFrom('buyerMessages').selectAll().where('orderId', '=', order.id).execute()).toMatchObject([{ status: 'pending' }])
  })

  it('refuses a receive undo once the buyer was told, or the order picked up', async () => {
    const told = await readyOrder(t, cast)
    await t.database.db.updateTable('buyerMessages').set({ status: 'sent' }).where('orderId', '=', told.id).execute()
    const refused = await post(cast.staff, `/parcels/${told.parcels[1].id}/undo`)
    expect([refused.statusCode, refused.json().error.details.reason]).toEqual([409, 'undo.order_moved_on'])

    const taken = await readyOrder(t, cast)
    await post(cast.staff, '/pickups/verify', { code: taken.pickupCode })
    const late = await post(cast.staff, `/parcels/${taken.parcels[0].id}/undo`)
    expect([late.statusCode, late.json().error.details.reason]).toEqual([409, 'undo.order_moved_on'])
    expect((await orderOf(taken.id)).status).toBe('picked_up')
  })

  it('lets exactly one of a collect undo and the county’s receive win', async () => {
    const orders = await Promise.all(Array.from({ length: ROUNDS }, () => twoParcelOrder(t, cast)))
    for (const { lamb } of orders) await post(cast.shebiya, `/parcels/${lamb.id}/collect`)
    // Sent in turn one first, then the other, so each gets its chance to be first.
    const answers = await Promise.all(orders.map(({ lamb }, i) => both(i, () => post(cast.shebiya, `/parcels/${lamb.id}/undo`), () => post(cast.staff, `/parcels/${lamb.id}/receive`))))
    for (const [i, [undo, receive]] of answers.entries()) {
      expect([undo.statusCode, receive.statusCode].sort()).toEqual([200, 409])
      const now = await orderOf(orders[i].order.id)
      const lamb = now.parcels.find((p: any) => p.id === orders[i].lamb.id)
      expect(lamb.status).toBe(undo.statusCode === 200 ? 'awaiting_collection' : 'received')
      expect(kinds(now).filter((k: string) => k === 'parcel_collect_undone' || k === 'parcel_received')).toHaveLength(1)
    }
  })

  it('lets exactly one of a receive undo and the handover win', async () => {
    const orders = []
    for (let i = 0; i < ROUNDS; i++) orders.push(await readyOrder(t, cast))
    const answers = await Promise.all(
      orders.map((order, i) => both(i, () => post(cast.staff, `/parcels/${order.parcels[1].id}/undo`), () => post(colleague, '/pickups/verify', { code: order.pickupCode, orderId: order.id }))),
    )
    for (const [i, [undo, verify]] of answers.entries()) {
      expect([undo.statusCode, verify.statusCode].sort()).toEqual([200, 409])
      const now = await orderOf(orders[i].id)
      expect(now.status).toBe(undo.statusCode === 200 ? 'paid' : 'picked_up')
      // The desk is told the order is not all here, not that it was picked up.
      if (undo.statusCode === 200) expect(verify.json().error.code).toBe('NOT_READY')
      else expect(undo.json().error.details.reason).toBe('undo.order_moved_on')
      expect(kinds(now).filter((k: string) => k === 'parcel_receive_undone' || k === 'picked_up')).toHaveLength(1)
    }
  })
})
