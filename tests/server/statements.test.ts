import { seedId } from '../../server/ids'
import { readyOrder, signInCast, type PickupCast } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* 我的收入 through the real API on SQLite and PostgreSQL: a farmer's and a cun xiao'er's statements
   from the ledger, each line traceable to its order's short number, and who may read which. */
const WANG = seedId('frm', 'wang-jianguo')
const LI = seedId('frm', 'li-xiuying')

describe.each(DATABASES)('statements on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let wang: string
  let order: any

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
    wang = await signInAs(t.app, 'wang-jianguo')
    order = await readyOrder(t, cast)
    await t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(cast.staff), payload: { code: order.pickupCode } })
  })
  afterAll(() => t?.close())

  const get = (token: string | null, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: token ? bearer(token) : {} })

  it('the farmer sees her sale and the commission on it, pending until the after-sale window closes', async () => {
    const lamb = (await t.database.db.selectFrom('orderLines').selectAll().where('orderId', '=', order.id).where('farmerId', '=', WANG).executeTakeFirstOrThrow())
    const mine = await get(wang, '/my/statement')
    expect(mine.statusCode).toBe(200)
    const statement = mine.json()
    expect(statement).toMatchObject({ pendingFen: lamb.lineTotalFen - lamb.commissionFen, payableFen: 0, paidOutFen: 0, inFlightFen: 0 })
    const lines = statement.lines.filter((l: any) => l.orderId === order.id)
    expect(lines.map((l: any) => [l.kind, l.amountFen, l.orderNumber])).toEqual([
      ['sale', lamb.lineTotalFen, order.number],
      ['commission', -lamb.commissionFen, order.number],
    ])
    expect(statement.monthTotals.sale).toBeGreaterThanOrEqual(lamb.lineTotalFen)
  })

  it('the cun xiao’er sees his commission, and the statement of a farmer of his village, not of another', async () => {
    const his = (await get(cast.shebiya, '/my/statement')).json()
    expect(his.pendingFen).toBeGreaterThan(0)
    expect(his.lines.every((l: any) => l.kind === 'commission')).toBe(true)
    expect((await get(cast.shebiya, `/farmers/${WANG}/statement`)).json().pendingFen).toBe((await get(wang, '/my/statement')).json().pendingFen)
    expect((await get(cast.shebiya, `/farmers/${LI}/statement`)).statusCode).toBe(404)
  })

  it('a month before any sale shows nothing, its balances as it closed; a bad month is 400', async () => {
    const old = (await get(wang, '/my/statement?month=2020-01')).json()
    expect(old).toMatchObject({ month: '2020-01', lines: [], pendingFen: 0 })
    expect((await get(wang, '/my/statement?month=2026-13')).statusCode).toBe(400)
  })

  it('only farmers and cun xiao’er have statements', async () => {
    expect((await get(null, '/my/statement')).statusCode).toBe(401)
    expect((await get(cast.buyer, '/my/statement')).statusCode).toBe(403)
    expect((await get(cast.staff, '/my/statement')).statusCode).toBe(403)
    expect((await get(wang, `/farmers/${WANG}/statement`)).statusCode).toBe(403)
  })
})
