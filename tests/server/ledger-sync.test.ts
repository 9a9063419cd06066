import { balances, NEVER_NEGATIVE } from '../../src/domain/ledger'
import { syncOrderLedger } from '../../server/services/ledger/order-ledger-sync'
import { catchUpLedger, settleDueSales } from '../../server/services/ledger/settle-sales'
import { paidOrder, readyOrder, signInCast, type PickupCast } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* The ledger written from an order's facts on SQLite and PostgreSQL, in the transaction of each
   money event: a journey's postings add up to zero and give each farmer and cun xiao'er their
   share; writing again writes nothing twice. */
describe.each(DATABASES)('the ledger of an order on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
  })
  afterAll(() => t?.close())

  const db = () => t.database.db
  const entriesOf = async (orderId: string) =>
    db()
      .selectFrom('ledgerEntries')
      .innerJoin('ledgerPostings', 'ledgerPostings.id', 'ledgerEntries.postingId')
      .select(['ledgerEntries.account', 'ledgerEntries.holderId', 'ledgerEntries.amountFen'])
      .where('ledgerPostings.orderId', '=', orderId)
      .execute()

  it('picked up and settled: farmers’ share and commission payable, the books at zero, written once', async () => {
    const order = await readyOrder(t, cast)
    const handed = await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
    expect(handed.statusCode).toBe(200)
    // Written live, in the transactions of the payment and the hand-over: nothing is missing.
    const keys = (await db().selectFrom('ledgerPostings').select('key').where('orderId', '=', order.id).execute()).map((p) => p.key)
    expect(keys).toEqual(expect.arrayContaining([`payment:${order.id}`, `commission:${order.id}:0:credit:`, `commission:${order.id}:1:credit:`]))
    expect(await syncOrderLedger(db(), order.id, new Date().toISOString())).toBe(0)

    await db().updateTable('orders').set({ settledAt: new Date(Date.now() + 86_400_000).toISOString() }).where('id', '=', order.id).execute()
    expect(await syncOrderLedger(db(), order.id, new Date().toISOString())).toBe(1)
    expect(await syncOrderLedger(db(), order.id, new Date().toISOString())).toBe(0)

    const lines = await db().selectFrom('orderLines').selectAll().where('orderId', '=', order.id).execute()
    const books = balances((await entriesOf(order.id)).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    expect([...books.values()].reduce((s, fen) => s + fen, 0)).toBe(0)
    const { countyId } = await db().selectFrom('orders').select('countyId').where('id', '=', order.id).executeTakeFirstOrThrow()
    expect(books.get(`buyer_payments:${countyId}`)).toBe(-order.totalFen)
    for (const line of lines) expect(books.get(`farmer_payable:${line.farmerId}`)).toBe(line.lineTotalFen - line.commissionFen)
    const commission = lines.reduce((s, l) => s + l.commissionFen, 0)
    const operatorPayable = [...books].filter(([key]) => key.startsWith('operator_payable:')).reduce((s, [, fen]) => s + fen, 0)
    expect(operatorPayable).toBe(commission)
    expect([...books].filter(([key]) => /pending/.test(key)).every(([, fen]) => fen === 0)).toBe(true)
  })

  it('cancelled: the whole payment is a refund, nothing held for anyone', async () => {
    const order = await paidOrder(t, cast.buyer, [['lamb-chops', 1]])
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, headers: bearer(cast.buyer) })
    expect(cancelled.statusCode).toBe(200)
    expect(await syncOrderLedger(db(), order.id, new Date().toISOString())).toBe(0)
    const books = balances((await entriesOf(order.id)).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    const nonZero = Object.fromEntries([...books].filter(([, fen]) => fen !== 0).map(([key, fen]) => [key.split(':')[0], fen]))
    expect(nonZero).toEqual({ buyer_payments: -order.totalFen, refunds: order.totalFen })
  })

  it('a sale settles 24 hours after pickup unless a case is open; older orders are caught up', async () => {
    const deps = () => ({ db: db(), dialect, clock: () => new Date(Date.now() + t.clockOffset()) })
    const clean = await readyOrder(t, cast)
    const disputed = await readyOrder(t, cast)
    for (const order of [clean, disputed]) {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })).statusCode).toBe(200)
    }
    const lamb = disputed.lines[0].listingId
    const reported = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${disputed.id}/cases`, headers: bearer(cast.buyer), payload: { listingId: lamb, kind: 'short_weight', note: '少了半斤', photoIds: [] } })
    expect(reported.statusCode).toBe(201)

    expect(await settleDueSales(deps())).toBe(0)
    t.advance(24 * 3600_000 + 1000)
    expect(await settleDueSales(deps())).toBeGreaterThanOrEqual(1)
    const settledAt = async (id: string) => (await db().selectFrom('orders').select('settledAt').where('id', '=', id).executeTakeFirstOrThrow()).settledAt
    expect(await settledAt(clean.id)).not.toBeNull()
    expect(await settledAt(disputed.id)).toBeNull()

    // Orders from before the ledger (its time never written) are written by the catch-up, once.
    await db().updateTable('orders').set({ ledgerAt: null }).execute()
    await db().deleteFrom('ledgerEntries').execute()
    await db().deleteFrom('ledgerPostings').execute()
    expect(await catchUpLedger(deps())).toBeGreaterThanOrEqual(3)
    expect(await catchUpLedger(deps())).toBe(0)
    const all = await db().selectFrom('ledgerEntries').select(['account', 'holderId', 'amountFen']).execute()
    expect([...balances(all.map((e) => ({ ...e, amountFen: Number(e.amountFen) }))).values()].reduce((sum, fen) => sum + fen, 0)).toBe(0)
    const settle = await db().selectFrom('ledgerPostings').select('key').where('event', '=', 'sale_settled').execute()
    expect(settle.map((p) => p.key)).toContain(`settle:${clean.id}`)
    expect(settle.map((p) => p.key)).not.toContain(`settle:${disputed.id}`)
  })

  it('an after-sale refund is written with its decision: out of the farmer’s share, the commission on it given back', async () => {
    const order = await readyOrder(t, cast)
    await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
    const line = order.lines[0]
    const reported = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cases`, headers: bearer(cast.buyer), payload: { listingId: line.listingId, kind: 'short_weight', note: '少了半斤', photoIds: [] } })
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${reported.json().id}/decide`, headers: bearer(cast.staff), payload: { refundFen: 500 } })
    expect(decided.statusCode).toBe(200)
    const postings = await db().selectFrom('ledgerPostings').select(['key', 'event']).where('orderId', '=', order.id).execute()
    expect(postings.map((p) => p.event)).toEqual(expect.arrayContaining(['payment_received', 'commission_credited', 'after_sale_refund', 'commission_reversed']))
    const { farmerId, lineTotalFen, commissionFen } = await db().selectFrom('orderLines').selectAll().where('orderId', '=', order.id).where('position', '=', 0).executeTakeFirstOrThrow()
    const books = balances((await entriesOf(order.id)).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    // She holds her goods less the refund, less the commission, plus the part of it given back.
    const back = books.get(`farmer_pending:${farmerId}`)! - (lineTotalFen - 500 - commissionFen)
    expect(back).toBeGreaterThan(0)
    expect(back).toBeLessThan(commissionFen)
    expect(await syncOrderLedger(db(), order.id, new Date().toISOString())).toBe(0)
  })

  it('staff refunding a picked-up order: the books still add up, and nothing held is negative', async () => {
    const order = await readyOrder(t, cast)
    await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
    const admin = await signInAs(t.app, 'admin')
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refund`, headers: bearer(admin) })).statusCode).toBe(200)
    const books = balances((await entriesOf(order.id)).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    expect([...books].filter(([key]) => /^(farmer|operator)_/.test(key)).every(([, fen]) => fen === 0)).toBe(true)
    const all = balances((await db().selectFrom('ledgerEntries').select(['account', 'holderId', 'amountFen']).execute()).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    expect([...all.values()].reduce((sum, fen) => sum + fen, 0)).toBe(0)
    for (const [key, fen] of all) if ((NEVER_NEGATIVE as readonly string[]).includes(key.split(':')[0])) expect([key, fen]).toEqual([key, Math.max(0, fen)])
  })

  it('a refund staff put down to transport comes from the county: the farmer keeps her sale and the commission stands', async () => {
    const order = await readyOrder(t, cast)
    await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
    const line = order.lines[0]
    const reported = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/cases`, headers: bearer(cast.buyer), payload: { listingId: line.listingId, kind: 'damaged', note: '路上压坏了', photoIds: [] } })
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${reported.json().id}/decide`, headers: bearer(cast.staff), payload: { refundFen: 300, fault: 'transport' } })
    expect(decided.json()).toMatchObject({ status: 'refunded', refundFen: 300, fault: 'transport' })
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${reported.json().id}/decide`, headers: bearer(cast.staff), payload: { refundFen: 300, fault: 'weather' } })).statusCode).toBe(400)
    const reversals = await db().selectFrom('commissionEntries').select('id').where('orderId', '=', order.id).where('kind', '=', 'reversal').execute()
    expect(reversals).toEqual([])
    const { farmerId, lineTotalFen, commissionFen } = await db().selectFrom('orderLines').selectAll().where('orderId', '=', order.id).where('position', '=', 0).executeTakeFirstOrThrow()
    const books = balances((await entriesOf(order.id)).map((e) => ({ ...e, amountFen: Number(e.amountFen) })))
    expect(books.get(`farmer_pending:${farmerId}`)).toBe(lineTotalFen - commissionFen)
    const { countyId, shippingFen } = await db().selectFrom('orders').select(['countyId', 'shippingFen']).where('id', '=', order.id).executeTakeFirstOrThrow()
    expect(books.get(`county_shipping:${countyId}`)).toBe(shippingFen - 300)
    expect(books.get(`refunds:${countyId}`)).toBe(300)
  })
})
