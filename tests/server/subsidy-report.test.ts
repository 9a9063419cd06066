import { orderBody, paidOrder, placeOrder } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* The county's monthly subsidy claim as CSV, on SQLite and PostgreSQL: the orders paid in the
   month and kept, their shipping and subsidy, and the totals. */

describe.each(DATABASES)('the subsidy report on %s', (dialect) => {
  let t: TestApp
  let buyer: string
  let staff: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
    staff = await signInAs(t.app, 'staff-gao')
  })
  afterAll(() => t?.close())

  it('lists the month’s kept orders with shipping and subsidy, and adds them up', async () => {
    t.setNow('2026-09-15T03:00:00.000Z')
    // ¥8 + ¥2 × 2 shipping for 2.06 kg → 3 kg begun: ¥12, of which the subsidy pays ¥10.
    const milk = await paidOrder(t, buyer, [['milk-fresh', 2]])
    // 1 jin (0.5 kg) of millet: ¥8 shipping, all of it subsidised.
    const millet = await paidOrder(t, buyer, [['millet', 1]])
    const cancelled = await paidOrder(t, buyer, [['millet', 2]])
    await t.app.inject({ method: 'POST', url: `/api/v1/orders/${cancelled.id}/cancel`, headers: bearer(buyer) })
    await placeOrder(t, buyer, orderBody([['millet', 3]])) // never paid
    t.setNow('2026-10-01T01:00:00.000Z') // 09:00 on 1 October in China: next month's
    await paidOrder(t, buyer, [['millet', 1]])

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/county/reports/subsidy?month=2026-09', headers: bearer(staff) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    expect(response.headers['content-disposition']).toContain('subsidy-2026-09.csv')
    expect(response.body.startsWith('\uFEFF')).toBe(true)
    const rows = response.body.slice(1).trim().split('\r\n').map((line) => line.split(','))
    expect(rows[0]).toEqual(['订单号', '支付时间（北京时间）', '状态', '商品金额（元）', '运费（元）', '运费补贴（元）', '实付（元）', '系统订单编号'])
    // Paid at 11:00 on 15 September: the run of the 16th, its first orders of this county.
    expect([milk.number, millet.number]).toEqual(['0916-001', '0916-002'])
    expect(rows.slice(1, -1).map((r) => [r[0], r[7]])).toEqual([[milk.number, milk.id], [millet.number, millet.id]])
    // The clock runs on from 11:00:00 while the orders are placed: seconds on a busy machine.
    expect(rows[1][1]).toMatch(/^2026-09-15 11:00:0\d$/)
    expect([...rows[1].slice(0, 1), ...rows[1].slice(2)]).toEqual([milk.number, '已支付', '16.00', '12.00', '10.00', '18.00', milk.id])
    // The spreadsheet speaks Chinese: no Latin letters but in the system's ids (last column).
    for (const row of rows) expect(row.slice(0, -1).filter((cell) => /[A-Za-z]/.test(cell))).toEqual([])
    expect(rows[rows.length - 1]).toEqual(['合计 2 单', '2026-09', '', '23.00', '20.00', '18.00', '25.00', ''])
    t.setNow(new Date().toISOString())
  })

  it('is for county staff only and checks the month', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/county/reports/subsidy?month=2026-09', headers: bearer(buyer) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/county/reports/subsidy?month=2026-13', headers: bearer(staff) })).statusCode).toBe(400)
  })
})
