import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { FAKE_APPID, FAKE_MCHID } from './support/fake-wechatpay-server'
import { readyOrder, type PickupCast } from './support/order-fixtures'
import { bearer, DATABASES, demoUserId, signInAs } from './support/test-app'
import { createWeChatPayTestApp, type WeChatPayTestApp } from './support/wechat-pay-app'

/* Payouts as WeChat Pay transfer bills, against the fake WeChat Pay: the payee confirms in WeChat,
   the notification ends the payout once however often it comes, a failed bill puts the amount
   back as payable once, and a send whose answer was lost is found by its number, never sent anew. */
const WANG = seedId('frm', 'wang-jianguo')

describe.each(DATABASES)('WeChat Pay payouts on %s', (dialect) => {
  let app: WeChatPayTestApp
  let cast: PickupCast
  let staffLi: string
  let wang: string

  beforeAll(async () => {
    app = await createWeChatPayTestApp(dialect)
    // The buyer signed in with WeChat already (createWeChatPayTestApp): demo sign-in is for the others.
    const [shebiya, xindianzi, staff] = await Promise.all(['op-shebiya', 'op-xindianzi', 'staff-gao'].map((key) => signInAs(app.t.app, key)))
    cast = { buyer: app.buyer, shebiya, xindianzi, staff }
    ;[staffLi, wang] = await Promise.all(['staff-li', 'wang-jianguo'].map((key) => signInAs(app.t.app, key)))
    await app.t.database.db.updateTable('users').set({ wechatOpenid: 'o-wang' }).where('id', '=', demoUserId('wang-jianguo')).execute()
  })
  afterAll(() => app?.close())

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => app.t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })
  const db = () => app.t.database.db
  const deliver = (n: { headers: Record<string, string>; body: string }) => app.t.app.inject({ method: 'POST', url: '/api/v1/payouts/wechat/notify', headers: n.headers, payload: n.body })
  const payable = async () => (await call(wang, 'GET', '/my/statement')).json().payableFen

  /** A sale of 王建国's settled, paid by a sandbox payment; then a run drawn up and approved: his payout, sending. */
  async function approvedPayout() {
    const order = await readyOrder(app.t, cast)
    await call(cast.staff, 'POST', '/pickups/verify', { code: order.pickupCode })
    // Picked up a day ago (the server's clock stays on WeChat Pay's, which signs with the real time).
    await db().updateTable('orders').set({ endedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('id', '=', order.id).execute()
    await settleDueSales({ db: db(), dialect, clock: () => new Date() })
    const run = (await call(cast.staff, 'POST', '/county/payout-runs')).json()
    expect((await call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(200)
    return (await db().selectFrom('payouts').selectAll().where('runId', '=', run.id).where('payeeId', '=', WANG).executeTakeFirstOrThrow())
  }

  it('sends a transfer bill the payee confirms; the notification pays it once', async () => {
    const payout = await approvedPayout()
    await app.t.app.orderJobs.runOnce()
    const bill = app.fake.transfers.bills.get(payout.outBillNo)!
    expect(bill).toMatchObject({ openid: 'o-wang', amountFen: payout.amountFen, sceneId: '1005', notifyUrl: 'https://xiangji.example/api/v1/payouts/wechat/notify' })
    expect(bill.reportInfos.map((i) => i.info_type)).toEqual(['岗位类型', '报酬说明'])
    expect(bill.remark).toBe('乡集农产品货款')
    // Unconfirmed for an hour: asked after once, then not again on every round.
    const queries = () => app.fake.requests.filter((r) => r.method === 'GET' && r.path.includes(payout.outBillNo)).length
    await db().updateTable('payouts').set({ updatedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }).where('id', '=', payout.id).execute()
    await app.t.app.orderJobs.runOnce()
    await app.t.app.orderJobs.runOnce()
    expect(queries()).toBe(1)
    const mine = (await call(wang, 'GET', '/my/payouts')).json()
    expect(mine).toMatchObject({ mchId: FAKE_MCHID, appId: FAKE_APPID })
    expect(mine.items[0]).toMatchObject({ id: payout.id, status: 'awaiting_confirmation', packageInfo: bill.packageInfo })

    const confirmed = app.fake.transfers.confirm(payout.outBillNo)
    expect((await deliver(confirmed)).statusCode).toBe(204)
    expect((await deliver(app.fake.transfers.notification(payout.outBillNo))).statusCode).toBe(204)
    expect((await call(wang, 'GET', '/my/payouts')).json().items[0]).toMatchObject({ status: 'paid' })
    const postings = await db().selectFrom('ledgerPostings').select('event').where('payoutId', '=', payout.id).execute()
    expect(postings.map((p) => p.event).sort()).toEqual(['payout_paid', 'payout_sent'])
    expect(app.fake.transfers.createRequests.get(payout.outBillNo)).toBe(1)
  })

  it('a failed bill puts the amount back as payable, once', async () => {
    const payout = await approvedPayout()
    await app.t.app.orderJobs.runOnce()
    expect(await payable()).toBe(0)
    const failed = app.fake.transfers.fail(payout.outBillNo)
    expect((await deliver(failed)).statusCode).toBe(204)
    expect((await deliver(failed)).statusCode).toBe(204)
    expect(await payable()).toBe(payout.amountFen)
    expect((await db().selectFrom('payouts').select(['status', 'failReason']).where('id', '=', payout.id).executeTakeFirstOrThrow())).toEqual({ status: 'returned', failReason: 'ACCOUNT_FROZEN' })
  })

  it('an answer lost on the way is found by asking for the bill, never sent again under a new number', async () => {
    // The failed payout above is payable again: a new run pays it.
    const payout = await approvedPayout()
    app.fake.slowDown('/v3/fund-app/mch-transfer/transfer-bills', 2500)
    await app.t.app.orderJobs.runOnce()
    expect((await db().selectFrom('payouts').select(['status', 'attempts']).where('id', '=', payout.id).executeTakeFirstOrThrow())).toEqual({ status: 'sending', attempts: 1 })
    await app.t.app.orderJobs.runOnce()
    expect((await db().selectFrom('payouts').select('status').where('id', '=', payout.id).executeTakeFirstOrThrow()).status).toBe('awaiting_confirmation')
    expect(app.fake.transfers.createRequests.get(payout.outBillNo)).toBe(1)
  })

  it('a notification for no payout of ours, or of another amount, is refused', async () => {
    const payout = await approvedPayout()
    await app.t.app.orderJobs.runOnce()
    const bill = app.fake.transfers.bills.get(payout.outBillNo)!
    bill.amountFen += 1
    const forged = app.fake.transfers.confirm(payout.outBillNo)
    expect((await deliver(forged)).statusCode).toBe(400)
    expect((await db().selectFrom('payouts').select('status').where('id', '=', payout.id).executeTakeFirstOrThrow()).status).toBe('awaiting_confirmation')
  })
})
