import { sql } from 'kysely'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'
import { listingId, newKey, orderBody, placeOrder, stockOf } from './support/order-fixtures'

/* Issue 10, item 7: the quote said ¥75.00, the cun xiao'er raised the price to ¥76.00 while the
   listing stayed live, and POST /orders charged ¥76.00 without asking. The body now carries the
   total the buyer saw (expectedTotalFen); another total is a 409 PRICE_CHANGED with the new
   quote, and nothing is written. On SQLite and PostgreSQL. */

// A day the county's shipping subsidy runs: one jin of lamb ships for ¥8 and the subsidy pays it,
// so the total is the price of the jin.
const ORDER_DAY = '2026-11-28T03:00:00.000Z'
const LAMB = listingId('lamb-chops')
const oneJin = orderBody([['lamb-chops', 1]])

describe.each(DATABASES)('a price changed between quote and order on %s', (dialect) => {
  let t: TestApp
  let buyer: string
  let operator: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    ;[buyer, operator] = await Promise.all([signInAs(t.app, 'buyer-chenxiao'), signInAs(t.app, 'op-shebiya')])
  })
  beforeEach(async () => {
    t.setNow(ORDER_DAY)
    await setPrice(7500)
  })
  afterAll(() => t?.close())

  /** As the cun xiao'er of 舍必崖村 may: the listing stays live. */
  async function setPrice(priceFen: number) {
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/listings/${LAMB}`, headers: bearer(operator), payload: { priceFen } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ priceFen, status: 'live' })
  }

  const quote = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: bearer(buyer), payload: oneJin })).json()
  const orderCount = async () => {
    const row = await t.database.db.selectFrom('orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('buyerId', '=', demoUserId('buyer-chenxiao')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('refuses the old total with the new quote, writing nothing; the new total is then charged', async () => {
    const seen = await quote()
    expect(seen.totalFen).toBe(7500)
    await setPrice(7600)
    const [orders, stock] = [await orderCount(), await stockOf(t, 'lamb-chops')]

    const key = newKey()
    const refused = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 }, key)
    expect(refused.statusCode).toBe(409)
    const { error } = refused.json()
    expect(error.code).toBe('PRICE_CHANGED')
    expect(error.message).toEqual(expect.any(String))
    expect(error.details).toMatchObject({ expectedTotalFen: 7500, totalFen: 7600 })
    // The very answer POST /orders/quote gives now: the app shows it as it shows a quote.
    expect(error.details.quote).toEqual(await quote())
    expect(error.details.quote.lines[0]).toMatchObject({ listingId: LAMB, unitPriceFen: 7600, lineTotalFen: 7600, available: true })
    expect(await orderCount()).toBe(orders)
    expect(await stockOf(t, 'lamb-chops')).toBe(stock)

    // The key is not held by the refusal: sent again as it was, it is refused again, not 409 IN_PROGRESS.
    const again = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 }, key)
    expect(again.json().error.code).toBe('PRICE_CHANGED')

    // The buyer accepts ¥76.00: the app orders under a new key with the new total.
    const accepted = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7600 })
    expect(accepted.statusCode).toBe(201)
    expect(accepted.json()).toMatchObject({ totalFen: 7600, lines: [{ listingId: LAMB, unitPriceFen: 7600, quantity: 1 }] })
    expect(await orderCount()).toBe(orders + 1)
    expect(await stockOf(t, 'lamb-chops')).toBe(stock - 1)
  })

  it('refuses a lower price too: the buyer is charged what they saw, or asked', async () => {
    await setPrice(7400)
    const stock = await stockOf(t, 'lamb-chops')
    const refused = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({ code: 'PRICE_CHANGED', details: { expectedTotalFen: 7500, totalFen: 7400, quote: { totalFen: 7400 } } })
    expect(await stockOf(t, 'lamb-chops')).toBe(stock)
  })

  it('charges the total seen when nothing changed', async () => {
    const placed = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: (await quote()).totalFen })
    expect(placed.statusCode).toBe(201)
    expect(placed.json().totalFen).toBe(7500)
  })

  it('charges an older app, which sends no total, the price of the moment, as before', async () => {
    await setPrice(7600)
    const placed = await placeOrder(t, buyer, oneJin)
    expect(placed.statusCode).toBe(201)
    expect(placed.json().totalFen).toBe(7600)
  })

  it('answers a replay with its order, whatever the price did after it was placed', async () => {
    const key = newKey()
    const first = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 }, key)
    expect(first.statusCode).toBe(201)
    await setPrice(7600)
    const replay = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 }, key)
    expect(replay.statusCode).toBe(201)
    expect(replay.body).toBe(first.body)
  })

  it.each([
    ['negative', -1],
    ['fractional', 7500.5],
    ['text', '7500'],
  ])('refuses a %s expectedTotalFen (400), and the quote takes none', async (_what, expectedTotalFen) => {
    const response = await placeOrder(t, buyer, { ...oneJin, expectedTotalFen })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details).toHaveProperty('expectedTotalFen')
    const quoted = await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: bearer(buyer), payload: { ...oneJin, expectedTotalFen: 7500 } })
    expect(quoted.statusCode).toBe(400)
  })

  // Only PostgreSQL (read committed) lets an edit land between the order's read and its stock
  // update; SQLite's BEGIN IMMEDIATE keeps other writers out for the whole transaction.
  if (dialect === 'postgres') {
    it('refuses, with the new quote, a price edited while the order waits for the listing’s row', async () => {
      const stock = await stockOf(t, 'lamb-chops')
      const orders = await orderCount()
      let commitEdit = () => {}
      let edited: (pid: number) => void = () => {}
      const editing = new Promise<number>((resolve) => (edited = resolve))
      const edit = t.database.db.transaction().execute(async (tx) => {
        await tx.updateTable('listings').set({ priceFen: 7600 }).where('id', '=', LAMB).execute()
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)
        edited(rows[0].pid)
        await new Promise<void>((resolve) => (commitEdit = resolve))
      })
      const editor = await editing
      // The order reads ¥75.00 (the edit is not committed), agrees with the buyer, then waits.
      const ordering = placeOrder(t, buyer, { ...oneJin, expectedTotalFen: 7500 })
      for (let waited = 0; ; waited += 20) {
        const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where ${editor}::int = any(pg_blocking_pids(pid))`.execute(t.database.db)
        if (Number(rows[0].n) > 0) break
        if (waited > 10_000) throw new Error('the order never waited for the edit')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      commitEdit()
      await edit
      const refused = await ordering
      expect(refused.statusCode).toBe(409)
      expect(refused.json().error).toMatchObject({
        code: 'PRICE_CHANGED',
        details: { listingId: LAMB, priceFen: 7600, expectedTotalFen: 7500, totalFen: 7600, quote: { totalFen: 7600, lines: [{ unitPriceFen: 7600, available: true, stock }] } },
      })
      expect(await orderCount()).toBe(orders)
      expect(await stockOf(t, 'lamb-chops')).toBe(stock)
    })
  }
})
