import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { readyOrder, signInCast, type PickupCast } from './support/order-fixtures'
import { staffOfAnotherCounty } from './support/staff-fixtures'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'

/* Payout runs on SQLite and PostgreSQL with the sandbox transfers (dev login, no WeChat Pay):
   drawn up by one clerk, approved by a second, sent by the jobs; cash payouts recorded and
   approved by two; the ledger moves each amount once. */
const WANG = seedId('frm', 'wang-jianguo')
const LI = seedId('frm', 'li-xiuying')

describe.each(DATABASES)('payouts on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  let staffLi: string
  let wang: string
  let li: string
  let otherCounty: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
    ;[staffLi, wang, li] = await Promise.all(['staff-li', 'wang-jianguo', 'li-xiuying'].map((key) => signInAs(t.app, key)))
    otherCounty = await staffOfAnotherCounty(t)
    // 王建国 signed in with WeChat: paid there; 李秀英 did not: paid in cash at the center.
    await t.database.db.updateTable('users').set({ wechatOpenid: 'o-wang' }).where('id', '=', demoUserId('wang-jianguo')).execute()
  })
  afterAll(() => t?.close())

  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, payload })
  const clock = () => new Date(Date.now() + t.clockOffset())
  const statement = async (token: string) => (await call(token, 'GET', '/my/statement')).json()

  async function settledSale() {
    const order = await readyOrder(t, cast)
    expect((await call(cast.staff, 'POST', '/pickups/verify', { code: order.pickupCode })).statusCode).toBe(200)
    t.advance(24 * 3600_000 + 60_000)
    await settleDueSales({ db: t.database.db, dialect, clock })
    return order
  }

  it('nobody owed: no run; a run is drawn up by one clerk and approved only by another', async () => {
    const nothing = await call(cast.staff, 'POST', '/county/payout-runs')
    expect(nothing.statusCode).toBe(409)
    expect(nothing.json().error.details).toMatchObject({ reason: 'payout.nothing_owed' })
    await settledSale()
    const owed = (await statement(wang)).payableFen
    expect(owed).toBeGreaterThan(0)

    const drawn = await call(cast.staff, 'POST', '/county/payout-runs')
    expect(drawn.statusCode).toBe(201)
    const run = drawn.json()
    expect(run).toMatchObject({ status: 'awaiting_approval', createdBy: demoUserId('staff-gao'), createdByName: '县小二 高志强', decidedBy: null, decidedByName: null })
    const wangPayout = run.payouts.find((p: any) => p.payeeId === WANG)
    expect(wangPayout).toMatchObject({ amountFen: owed, method: 'wechat', status: 'drafted', payeeName: '王建国' })
    expect(run.payouts.find((p: any) => p.payeeId === LI)).toMatchObject({ method: 'offline' })
    expect(run.payouts.some((p: any) => p.payeeKind === 'operator')).toBe(true)
    // Drawn up, nothing has left payable yet; one run waits at a time.
    expect((await statement(wang)).payableFen).toBe(owed)
    const waiting = await call(staffLi, 'POST', '/county/payout-runs')
    expect(waiting.statusCode).toBe(409)
    expect(waiting.json().error.details).toEqual({ reason: 'payout.run_waiting', runId: run.id })

    expect((await call(cast.staff, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(403)
    expect((await call(otherCounty, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(404)
    const [a, b] = await Promise.all([call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`), call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const approved = (a.statusCode === 200 ? a : b).json()
    expect(approved).toMatchObject({ status: 'approved', decidedBy: demoUserId('staff-li'), decidedByName: '县小二 李春梅' })
    expect(approved.payouts.find((p: any) => p.payeeId === WANG).status).toBe('sending')
    expect(approved.payouts.find((p: any) => p.payeeId === LI).status).toBe('to_hand_over')
    expect(await statement(wang)).toMatchObject({ payableFen: 0, inFlightFen: owed })

    // The jobs send it; the sandbox pays at once.
    await t.app.orderJobs.runOnce()
    expect(await statement(wang)).toMatchObject({ payableFen: 0, inFlightFen: 0, paidOutFen: owed })
    const mine = (await call(wang, 'GET', '/my/payouts')).json()
    expect(mine.items[0]).toMatchObject({ status: 'paid', amountFen: owed, transferBillNo: expect.stringContaining('sandbox'), payeeName: '王建国' })
    const sent = await t.database.db.selectFrom('ledgerPostings').select('key').where('payoutId', '=', wangPayout.id).execute()
    expect(sent.map((p) => p.key).sort()).toEqual([`payout:${wangPayout.id}:payout_paid`, `payout:${wangPayout.id}:payout_sent`])
  })

  it('a cash payout is recorded by one clerk and approved by another', async () => {
    const run = (await call(cast.staff, 'GET', '/county/payout-runs')).json().items[0]
    const cash = run.payouts.find((p: any) => p.payeeId === LI)
    const owed = cash.amountFen
    expect((await call(cast.staff, 'POST', `/payouts/${cash.id}/record-offline`, { reference: '  ' })).statusCode).toBe(400)
    const recorded = await call(cast.staff, 'POST', `/payouts/${cash.id}/record-offline`, { reference: '现金 服务中心 收据0012' })
    expect(recorded.json()).toMatchObject({ status: 'awaiting_offline_approval', offlineReference: '现金 服务中心 收据0012', recordedBy: demoUserId('staff-gao'), payeeName: '李秀英' })
    expect((await call(cast.staff, 'POST', `/payouts/${cash.id}/approve-offline`)).statusCode).toBe(403)
    expect((await call(staffLi, 'POST', `/payouts/${cash.id}/approve-offline`)).json()).toMatchObject({ status: 'paid', approvedBy: demoUserId('staff-li') })
    expect((await call(staffLi, 'POST', `/payouts/${cash.id}/approve-offline`)).statusCode).toBe(409)
    expect(await statement(li)).toMatchObject({ paidOutFen: owed, inFlightFen: 0 })
  })

  it('a rejected run pays nothing and leaves the amounts payable', async () => {
    await settledSale()
    const owed = (await statement(wang)).payableFen
    const run = (await call(cast.staff, 'POST', '/county/payout-runs')).json()
    const rejected = await call(staffLi, 'POST', `/county/payout-runs/${run.id}/reject`)
    expect(rejected.json()).toMatchObject({ status: 'rejected' })
    expect(rejected.json().payouts.every((p: any) => p.status === 'withdrawn')).toBe(true)
    expect((await statement(wang)).payableFen).toBe(owed)
    expect((await call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(409)
  })

  it('only county staff handle payouts; payees see only their own', async () => {
    expect((await call(null, 'GET', '/county/payout-runs')).statusCode).toBe(401)
    for (const token of [cast.buyer, cast.shebiya, wang]) expect((await call(token, 'POST', '/county/payout-runs')).statusCode).toBe(403)
    expect((await call(cast.buyer, 'GET', '/my/payouts')).statusCode).toBe(403)
    const theirs = (await call(cast.shebiya, 'GET', '/my/payouts')).json().items
    expect(theirs.every((p: any) => p.payeeKind === 'operator' && p.payeeId === demoUserId('op-shebiya'))).toBe(true)
    expect((await call(otherCounty, 'GET', '/county/payout-runs')).json().items).toEqual([])
  })
  it('the cun xiao’er of her village reads a farmer’s payouts, cash ones with their reference, and no package to confirm', async () => {
    const hers = await call(cast.xindianzi, 'GET', `/farmers/${LI}/payouts`)
    expect(hers.statusCode).toBe(200)
    expect(hers.json().items.find((p: any) => p.method === 'offline' && p.status === 'paid')).toMatchObject({ payeeName: '李秀英', offlineReference: '现金 服务中心 收据0012' })
    expect(hers.json().items.every((p: any) => p.payeeId === LI)).toBe(true)
    const wangs = (await call(cast.shebiya, 'GET', `/farmers/${WANG}/payouts`)).json().items
    expect(wangs.length).toBeGreaterThan(0)
    expect(wangs.every((p: any) => p.payeeId === WANG && p.packageInfo === null)).toBe(true)
    // Another village's farmer, a farmer herself, anyone else.
    expect((await call(cast.shebiya, 'GET', `/farmers/${LI}/payouts`)).statusCode).toBe(404)
    expect((await call(li, 'GET', `/farmers/${LI}/payouts`)).statusCode).toBe(403)
    for (const token of [cast.buyer, cast.staff]) expect((await call(token, 'GET', `/farmers/${LI}/payouts`)).statusCode).toBe(403)
    expect((await call(null, 'GET', `/farmers/${LI}/payouts`)).statusCode).toBe(401)
  })
})
