import type { FakeWeChat } from './support/fake-wechat'
import { createPickupMessagesApp } from './support/pickup-messages-app'
import { orderBody, type PickupCast, placeOrder, readyOrder } from './support/order-fixtures'
import { DATABASES, type TestApp } from './support/test-app'

/* N server processes run the jobs on one database, each on its own timer (order-jobs.ts): every
   unit of work is claimed first (db/job-claims.ts), so each WeChat call happens once. Here two
   servers (the same database, their own services) run rounds at the same moment, over and over,
   and the fake WeChat counts what it was sent. Real separate processes on one PostgreSQL:
   scale-out.test.ts. */

const TEMPLATE = 'pickup-ready-template-0001'

describe.each(DATABASES)('jobs claimed on %s', (dialect) => {
  let wechat: FakeWeChat
  let t: TestApp
  let cast: PickupCast

  beforeAll(async () => {
    ;({ wechat, t, cast } = await createPickupMessagesApp(dialect, TEMPLATE))
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await wechat?.close()
  })

  it('two servers running rounds at once send each buyer message exactly once', async () => {
    const orders = []
    for (let i = 0; i < 6; i++) orders.push(await readyOrder(t, cast))
    const other = await t.anotherServer()
    // A round of each at the same moment, twice over: without claims both would read the same due messages.
    for (let round = 0; round < 2; round++) await Promise.all([t.app.orderJobs.runOnce(), other.orderJobs.runOnce(), t.app.orderJobs.runOnce()])

    for (const order of orders) expect(wechat.messages.filter((m) => m.page.includes(order.id))).toHaveLength(1)
    const rows = await t.database.db.selectFrom('buyerMessages').select(['status', 'attempts']).where('orderId', 'in', orders.map((o) => o.id)).execute()
    expect(rows).toEqual(orders.map(() => ({ status: 'sent', attempts: 1 })))
  })

  it('a claim holds a refund, a payout or an order for one process until it is released or runs out', async () => {
    const { claimDue, releaseClaims, CLAIM_LEASE_MS } = await import('../../server/db/job-claims')
    const db = t.database.db
    const now = new Date(Date.now() + t.clockOffset())
    const due = (q: any) => q.where('status', '=', 'pending_payment').orderBy('expiresAt')
    // Orders awaiting payment: one claim takes them, a second at the same moment finds none.
    const placed = await placeOrder(t, cast.buyer, orderBody([['lamb-chops', 1]]))
    expect(placed.statusCode).toBe(201)
    const [first, second] = await Promise.all([claimDue(db, 'orders', now, 10, due), claimDue(db, 'orders', now, 10, due)])
    expect(first.length + second.length).toBeGreaterThan(0)
    expect(first.filter((id) => second.includes(id))).toEqual([])
    const taken = [...first, ...second]
    expect(await claimDue(db, 'orders', now, 10, due)).toEqual([])
    // Released: free again. Run out (a process that died): free again too.
    await releaseClaims(db, 'orders', taken)
    expect((await claimDue(db, 'orders', now, 10, due)).sort()).toEqual([...taken].sort())
    expect((await claimDue(db, 'orders', new Date(now.getTime() + CLAIM_LEASE_MS + 1), 10, due)).sort()).toEqual([...taken].sort())
    await releaseClaims(db, 'orders', taken)
  })
})
