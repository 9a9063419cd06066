import { chinaMonth } from '../../src/domain/china-time'
import { formatYuan } from '../../src/domain/money'
import { identityGap } from '../../src/domain/reconciliation'
import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { generateLedgerMonth } from '../../support/ledger-month'
import { paidOrder, readyOrder, signInCast, type PickupCast } from './support/order-fixtures'
import { createSecondCounty } from './support/second-county'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* The county's monthly reconciliation on SQLite and PostgreSQL: the demo county after a journey of
   orders (settled, after-sale refunds at the farmer's and at the transport's fault, a whole refund
   after pickup, a cancel, a payout run sent through the sandbox and a cash payout) and a generated month of 5,000 orders
   both balance to the fen, village by village; the CSV says the same; only county staff see it,
   and only their own county's. */
const COUNTY = seedId('cty', 'horinger')
const SHEBIYA = seedId('vil', 'shebiya')
const XINDIANZI = seedId('vil', 'xindianzi')
const FIGURES = ['orderCount', 'receivedFen', 'farmersShareFen', 'commissionFen', 'shippingFen', 'subsidyFen', 'refundsFen', 'payoutsFen', 'differenceFen'] as const

function expectBalanced(r: any) {
  for (const line of r.lines) expect([line.villageName, line.differenceFen, identityGap(line)]).toEqual([line.villageName, 0, 0])
  expect(r.totals.differenceFen).toBe(0)
  for (const key of FIGURES) expect([key, r.totals[key]]).toEqual([key, r.lines.reduce((s: number, l: any) => s + l[key], 0)])
}

describe.each(DATABASES)('the county’s reconciliation on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let month: string
  let wang: string
  const orderIds: string[] = []

  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, payload })
  const clock = () => new Date(Date.now() + t.clockOffset())
  const db = () => t.database.db

  beforeAll(async () => {
    t = await createTestApp(dialect)
    // The journey happens mid-month (China time), so its days of waiting stay in one month.
    month = chinaMonth(new Date())
    t.setNow(`${month}-10T02:00:00.000Z`)
    cast = await signInCast(t)
    const staffLi = await signInAs(t.app, 'staff-li')
    // Before 王建国 has WeChat (below): dev login is for demo users without it.
    wang = await signInAs(t.app, 'wang-jianguo')
    const pickedUp = async () => {
      const order = await readyOrder(t, cast)
      expect((await call(cast.staff, 'POST', '/pickups/verify', { code: order.pickupCode })).statusCode).toBe(200)
      orderIds.push(order.id)
      return order
    }
    const decide = async (order: any, kind: string, payload: object) => {
      const reported = await call(cast.buyer, 'POST', `/orders/${order.id}/cases`, { listingId: order.lines[0].listingId, kind, note: '有问题', photoIds: [] })
      expect((await call(cast.staff, 'POST', `/cases/${reported.json().id}/decide`, payload)).statusCode).toBe(200)
    }
    await pickedUp()
    await pickedUp()
    await decide(await pickedUp(), 'short_weight', { refundFen: 500 })
    await decide(await pickedUp(), 'damaged', { refundFen: 300, fault: 'transport' })
    // Staff refund a picked-up order whole: the commission comes back with it.
    const admin = await signInAs(t.app, 'admin')
    expect((await call(admin, 'POST', `/admin/orders/${(await pickedUp()).id}/refund`)).statusCode).toBe(200)
    const cancelled = await paidOrder(t, cast.buyer, [['lamb-chops', 1]])
    orderIds.push(cancelled.id)
    expect((await call(cast.buyer, 'POST', `/orders/${cancelled.id}/cancel`)).statusCode).toBe(200)
    // A day later every sale settles; a run pays 王建国 by WeChat (the sandbox) and 李秀英 in cash.
    t.advance(24 * 3600_000 + 60_000)
    await settleDueSales({ db: db(), dialect, clock })
    await db().updateTable('users').set({ wechatOpenid: 'o-wang' }).where('id', '=', seedId('usr', 'wang-jianguo')).execute()
    const run = (await call(cast.staff, 'POST', '/county/payout-runs')).json()
    expect((await call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(200)
    await t.app.orderJobs.runOnce()
    const cash = run.payouts.find((p: any) => p.payeeId === seedId('frm', 'li-xiuying'))
    await call(cast.staff, 'POST', `/payouts/${cash.id}/record-offline`, { reference: '现金 收据0001' })
    expect((await call(staffLi, 'POST', `/payouts/${cash.id}/approve-offline`)).statusCode).toBe(200)
  }, 120_000)
  afterAll(() => t?.close())

  it('balances the demo county to the fen, village by village, after the journey', async () => {
    const response = await call(cast.staff, 'GET', `/county/reconciliation?month=${month}`)
    expect(response.statusCode).toBe(200)
    const r = response.json()
    expect(r).toMatchObject({ month, countyId: COUNTY })
    expectBalanced(r)
    // Every village of the county has its row, each once.
    const villages = await db().selectFrom('villages').select('id').where('countyId', '=', COUNTY).execute()
    expect(r.lines.map((l: any) => l.villageId).sort()).toEqual(villages.map((v) => v.id).sort())

    // Against the payments and refunds tables, not the ledger: what buyers paid and got back.
    const paid = await db().selectFrom('payments').select(['amountFen']).where('orderId', 'in', orderIds).where('status', '=', 'succeeded').execute()
    const refunded = await db().selectFrom('refunds').select(['amountFen']).where('orderId', 'in', orderIds).execute()
    expect(r.totals.orderCount).toBe(orderIds.length)
    expect(r.totals.receivedFen).toBe(paid.reduce((s, p) => s + p.amountFen, 0))
    expect(r.totals.refundsFen).toBe(refunded.reduce((s, p) => s + p.amountFen, 0))
    expect(refunded.length).toBe(4)

    // The orders' first lines are 王建国's lamb: 舍必崖村. 李秀英's cash payout is 新店子村's.
    const shebiya = r.lines.find((l: any) => l.villageId === SHEBIYA)
    const xindianzi = r.lines.find((l: any) => l.villageId === XINDIANZI)
    expect(shebiya).toMatchObject({ orderCount: orderIds.length, receivedFen: r.totals.receivedFen })
    expect(shebiya.subsidyFen).toBeGreaterThanOrEqual(0)
    expect(xindianzi).toMatchObject({ orderCount: 0, receivedFen: 0 })
    expect(xindianzi.payoutsFen).toBe(cashAmount(await payoutsOf('li-xiuying')))
    expect(shebiya.payoutsFen).toBeGreaterThan(0)
    expect(r.paidOutFen).toBe(r.totals.payoutsFen)

    // Balances as the ledger holds them now; everyone was paid what was payable.
    const held = await db().selectFrom('ledgerEntries').select(['account', 'amountFen']).where('countyId', '=', COUNTY).execute()
    const balance = (accounts: string[]) => held.filter((e) => accounts.includes(e.account)).reduce((s, e) => s + Number(e.amountFen), 0)
    expect(r.payableFen).toBe(balance(['farmer_payable', 'operator_payable']))
    expect(r.pendingFen).toBe(balance(['farmer_pending', 'operator_pending']))
    expect(r.inFlightFen).toBe(balance(['payouts_in_flight']))
    expect(r.paidOutFen).toBe(balance(['paid_out']))
  })

  const payoutsOf = (key: string) => db().selectFrom('payouts').select(['amountFen', 'status']).where('payeeId', '=', seedId('frm', key)).execute()
  const cashAmount = (rows: Array<{ amountFen: number; status: string }>) => rows.filter((p) => p.status === 'paid').reduce((s, p) => s + p.amountFen, 0)

  it('gives the same figures as a CSV with a byte order mark, one row per village and a 合计 row', async () => {
    const json = (await call(cast.staff, 'GET', `/county/reconciliation?month=${month}`)).json()
    const response = await call(cast.staff, 'GET', `/county/reconciliation?month=${month}&format=csv`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(`attachment; filename="reconciliation-${month}.csv"`)
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const rows = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((row) => row.split(','))
    expect(rows[0]).toEqual(['村', '订单数', '收到买家付款（元）', '农户所得（元）', '村小二佣金（元）', '运费（元）', '运费补贴（元）', '退款（元）', '已付出（元）', '差额（元）'])
    expect(rows).toHaveLength(json.lines.length + 2)
    const yuan = (fen: number) => formatYuan(fen).replace('¥', '')
    const t0 = json.totals
    expect(rows[rows.length - 1]).toEqual(['合计', String(t0.orderCount), yuan(t0.receivedFen), yuan(t0.farmersShareFen), yuan(t0.commissionFen), yuan(t0.shippingFen), yuan(t0.subsidyFen), yuan(t0.refundsFen), yuan(t0.payoutsFen), '0.00'])
    expect(rows.slice(1, -1).map((row) => row[0])).toEqual(json.lines.map((l: any) => l.villageName))
    // The county's spreadsheet speaks Chinese: no code or status word in English in any cell.
    expect(rows.flat().filter((cell) => /[A-Za-z_]/.test(cell))).toEqual([])
  })

  it('is for county staff only, of their own county; a bad month is 400', async () => {
    const admin = await signInAs(t.app, 'admin')
    expect((await call(null, 'GET', '/county/reconciliation')).statusCode).toBe(401)
    for (const token of [cast.buyer, wang, cast.shebiya, admin]) expect((await call(token, 'GET', `/county/reconciliation?month=${month}`)).statusCode).toBe(403)
    const other = await createSecondCounty(t)
    const theirs = (await call(other.staff, 'GET', `/county/reconciliation?month=${month}`)).json()
    expect(theirs).toMatchObject({ countyId: other.countyId, payableFen: 0, pendingFen: 0, paidOutFen: 0 })
    expect(theirs.lines.map((l: any) => l.villageName)).toEqual(['北堡村'])
    expect(theirs.totals).toMatchObject({ receivedFen: 0, orderCount: 0, differenceFen: 0 })
    for (const bad of ['2026-13', '2026-1', 'latest', '2026-12&format=xml']) expect((await call(cast.staff, 'GET', `/county/reconciliation?month=${bad}`)).statusCode).toBe(400)
    // Without a month: this month.
    expect((await call(cast.staff, 'GET', '/county/reconciliation')).json().month).toBe(chinaMonth(clock()))
  })

  it('balances a generated month of 5,000 orders to the fen', async () => {
    const generated = await generateLedgerMonth(db(), { countyId: COUNTY, month: '2026-03', orders: 5000 })
    const r = (await call(cast.staff, 'GET', '/county/reconciliation?month=2026-03')).json()
    expectBalanced(r)
    expect(r.totals).toMatchObject({ orderCount: generated.orders, receivedFen: generated.receivedFen, refundsFen: generated.refundsFen, payoutsFen: generated.payoutsFen })
    expect(generated.orders).toBe(5000)
    expect(r.lines.filter((l: any) => l.orderCount > 0).length).toBeGreaterThan(1)
    // The month after holds the tail of the month's orders (late settlements, refunds): it balances too.
    expectBalanced((await call(cast.staff, 'GET', '/county/reconciliation?month=2026-04')).json())
  }, 120_000)
})
