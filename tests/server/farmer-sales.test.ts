import { seedId } from '../../server/ids'
import { type FakeWeChat, startFakeWeChat } from './support/fake-wechat'
import { paidOrder, twoParcelOrder } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'

/* 我卖出的 through the real API: a farmer's paid lines by collection run with what to hand in
   where and by when, each line's way to the buyer in her words, totals, no trace of the buyer,
   who may read it, and the WeChat message she gets from the outbox when her goods are paid. */

const SALE_TEMPLATE = 'sale-template-0001'
const LI = seedId('frm', 'li-xiuying')
const ZHANG = seedId('frm', 'zhang-erniu')

describe.each(DATABASES)('the farmer’s sales on %s', (dialect) => {
  let wechat: FakeWeChat
  let t: TestApp
  const who = { buyer: '', shebiya: '', xindianzi: '', heilaoyao: '', staff: '', li: '', wang: '', admin: '' }

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    t = await createTestApp(dialect, { wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret, saleTemplateId: SALE_TEMPLATE } })
    // Tuesday 2026-12-01, 10:00 China time: paid now, the goods ride Wednesday's run.
    t.setNow('2026-12-01T02:00:00.000Z')
    const keys = { buyer: 'buyer-chenxiao', shebiya: 'op-shebiya', xindianzi: 'op-xindianzi', heilaoyao: 'op-heilaoyao', staff: 'staff-gao', li: 'li-xiuying', wang: 'wang-jianguo', admin: 'admin' }
    for (const [role, key] of Object.entries(keys)) who[role as keyof typeof who] = await signInAs(t.app, key)
    await t.database.db.updateTable('users').set({ wechatOpenid: 'o-chenxiao' }).where('id', '=', demoUserId('buyer-chenxiao')).execute()
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await wechat?.close()
  })

  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, payload })
  const sales = async (query = '') => {
    const response = await call(who.li, 'GET', `/my/sales${query}`)
    expect(response.statusCode).toBe(200)
    return response.json()
  }
  const runOf = async (date: string) => (await sales(`?run=${date}`)).runs[0]
  const lineOf = async (date: string, orderId: string, title: string) => (await runOf(date)).lines.find((l: any) => l.orderId === orderId && l.title === title)

  it('groups her paid lines by run, says where and by when to hand them in, and follows each to the buyer', async () => {
    const { order, lamb, milk } = await twoParcelOrder(t, who)
    const skin = await paidOrder(t, who.buyer, [['milk-skin', 2]])
    const cancelled = await paidOrder(t, who.buyer, [['milk-skin', 1]])
    expect((await call(who.buyer, 'POST', `/orders/${cancelled.id}/cancel`)).statusCode).toBe(200)

    const run = await runOf('2026-12-02')
    // Wednesday's run: hand in by Tuesday 20:00 China time at 新店子村's service center.
    expect(run.handIn).toEqual({ place: '新店子村服务站', address: '新店子镇新店子村便民服务站', by: '2026-12-01T12:00:00.000Z' })
    expect(run.lines).toEqual([
      { orderId: order.id, number: order.number, title: '鲜牛奶（当日挤）', quantity: 3, unit: 'liter', weightGrams: 3090, lineTotalFen: 2400, status: 'to_hand_in', cases: [] },
      { orderId: skin.id, number: skin.number, title: '奶皮子', quantity: 2, unit: 'jin', weightGrams: 1000, lineTotalFen: 12000, status: 'to_hand_in', cases: [] },
      { orderId: cancelled.id, number: cancelled.number, title: '奶皮子', quantity: 1, unit: 'jin', weightGrams: 500, lineTotalFen: 6000, status: 'cancelled', reason: 'buyer_cancelled', cases: [] },
    ])
    expect(run.toHandIn).toBe(2)
    // The short number the farmer reads to the cun xiao'er: the run's day and the county's sequence.
    expect(run.lines.map((l: any) => l.number)).toEqual([expect.stringMatching(/^1202-\d{3}$/), expect.stringMatching(/^1202-\d{3}$/), expect.stringMatching(/^1202-\d{3}$/)])
    // The cun xiao'er's printed hand-in list names the same deadline.
    expect((await call(who.xindianzi, 'GET', '/village/parcels?date=2026-12-02')).json().handInBy).toBe('2026-12-01T12:00:00.000Z')
    expect(run.totals).toEqual({ lineCount: 2, weightGrams: 4090, amountFen: 14400 })
    expect((await sales()).toHandIn).toBe(2)

    await call(who.xindianzi, 'POST', `/parcels/${milk.id}/collect`)
    expect(await lineOf('2026-12-02', order.id, '鲜牛奶（当日挤）')).toMatchObject({ status: 'at_village' })
    expect((await sales()).toHandIn).toBe(1)
    await call(who.staff, 'POST', `/parcels/${milk.id}/receive`)
    expect(await lineOf('2026-12-02', order.id, '鲜牛奶（当日挤）')).toMatchObject({ status: 'at_county' })
    await call(who.shebiya, 'POST', `/parcels/${lamb.id}/collect`)
    await call(who.staff, 'POST', `/parcels/${lamb.id}/receive`)
    const ready = (await call(who.buyer, 'GET', `/orders/${order.id}`)).json()
    expect((await call(who.staff, 'POST', '/pickups/verify', { code: ready.pickupCode })).statusCode).toBe(200)
    expect(await lineOf('2026-12-02', order.id, '鲜牛奶（当日挤）')).toMatchObject({ status: 'picked_up' })
    expect((await call(who.admin, 'POST', `/admin/orders/${order.id}/refund`)).statusCode).toBe(200)
    expect(await lineOf('2026-12-02', order.id, '鲜牛奶（当日挤）')).toEqual(expect.objectContaining({ status: 'refunded', reason: 'refunded_after_pickup' }))
    expect((await runOf('2026-12-02')).totals).toEqual({ lineCount: 1, weightGrams: 1000, amountFen: 12000 })
  })

  it('pages by run, newest first, with totals per month over all of its runs', async () => {
    for (const at of ['2026-12-02T02:00:00.000Z', '2026-12-09T02:00:00.000Z', '2026-12-30T09:00:00.000Z']) {
      t.setNow(at)
      await paidOrder(t, who.buyer, [['flax-oil', 1]])
    }
    // Paid at 17:00 China time on the 30th, after the cut-off: the run of 1 January.
    const first = await sales('?limit=2')
    expect(first.runs.map((r: any) => r.date)).toEqual(['2027-01-01', '2026-12-10'])
    expect(first.nextCursor).toBe('2026-12-10')
    expect(first.months.map((m: any) => m.month)).toEqual(['2027-01', '2026-12'])
    const second = await sales(`?limit=2&cursor=${first.nextCursor}`)
    expect(second.runs.map((r: any) => r.date)).toEqual(['2026-12-03', '2026-12-02'])
    const december = first.months.find((m: any) => m.month === '2026-12')
    const decemberRuns = [...first.runs, ...second.runs].filter((r: any) => r.date.startsWith('2026-12'))
    expect(december.amountFen).toBe(decemberRuns.reduce((sum: number, r: any) => sum + r.totals.amountFen, 0))
    expect(december.lineCount).toBe(decemberRuns.reduce((sum: number, r: any) => sum + r.totals.lineCount, 0))
    expect((await call(who.li, 'GET', '/my/sales?cursor=2026-13-01')).statusCode).toBe(400)
    expect((await call(who.li, 'GET', '/my/sales?buyer=1')).statusCode).toBe(400)
  })

  it('shows her a problem with the goods: what, the decision and the amount taken back, the line still sold', async () => {
    const order = await paidOrder(t, who.buyer, [['milk-skin', 2]])
    const parcel = order.parcels[0]
    await call(who.xindianzi, 'POST', `/parcels/${parcel.id}/collect`)
    await call(who.staff, 'POST', `/parcels/${parcel.id}/receive`)
    expect((await call(who.staff, 'POST', '/pickups/verify', { code: order.pickupCode, orderId: order.id })).statusCode).toBe(200)
    const reported = await call(who.buyer, 'POST', `/orders/${order.id}/cases`, { listingId: order.lines[0].listingId, kind: 'short_weight', note: '称了只有 1.8 斤', photoIds: [] })
    expect(reported.statusCode).toBe(201)
    const caseId = reported.json().id
    expect((await call(who.staff, 'POST', `/cases/${caseId}/decide`, { refundFen: 1200 })).statusCode).toBe(200)

    const line = await lineOf(parcel.collectionRunDate, order.id, '奶皮子')
    // A part paid back is not the sale undone: the line stays picked up and counts, its case says what was taken back.
    expect(line).toMatchObject({ status: 'picked_up', cases: [{ id: caseId, kind: 'short_weight', note: '称了只有 1.8 斤', status: 'refunded', refundFen: 1200, reportedBy: 'buyer' }] })
    expect(line.reason).toBeUndefined()
  })

  it('never shows the farmer who bought: no name, id or openid of the buyer', async () => {
    const body = JSON.stringify(await sales('?limit=50'))
    const buyer = await t.database.db.selectFrom('users').selectAll().where('id', '=', demoUserId('buyer-chenxiao')).executeTakeFirstOrThrow()
    for (const secret of [buyer.id, buyer.name, '陈晓', 'o-chenxiao', '"buyer":', 'buyerId', 'pickupCode']) expect(body).not.toContain(secret)
  })

  it('lets the farmer read her own, her village’s cun xiao’er read hers, and nobody else', async () => {
    const own = await sales()
    const byOperator = await call(who.xindianzi, 'GET', `/farmers/${LI}/sales`)
    expect(byOperator.statusCode).toBe(200)
    expect(byOperator.json()).toEqual(own)
    expect((await call(who.shebiya, 'GET', `/farmers/${ZHANG}/sales`)).statusCode).toBe(200) // no phone: the operator reads for him
    expect((await call(who.shebiya, 'GET', `/farmers/${LI}/sales`)).statusCode).toBe(404)
    expect((await call(who.heilaoyao, 'GET', `/farmers/${LI}/sales`)).statusCode).toBe(404)
    expect((await call(who.xindianzi, 'GET', '/farmers/frm_nobody/sales')).statusCode).toBe(404)
    for (const token of [who.li, who.wang, who.buyer, who.staff, who.admin]) expect((await call(token, 'GET', `/farmers/${LI}/sales`)).statusCode).toBe(403)
    for (const token of [who.xindianzi, who.buyer, who.staff, who.admin]) expect((await call(token, 'GET', '/my/sales')).statusCode).toBe(403)
    expect((await call(null, 'GET', '/my/sales')).statusCode).toBe(401)
    expect((await call(null, 'GET', `/farmers/${LI}/sales`)).statusCode).toBe(401)
    // 王建国 sees his own lamb, never 李秀英's milk.
    const wang = (await call(who.wang, 'GET', '/my/sales?limit=50')).json()
    expect(wang.runs.flatMap((r: any) => r.lines.map((l: any) => l.title))).not.toContain('奶皮子')
  })

  describe('her WeChat message when her goods are paid', () => {
    const messagesOf = (orderId: string) => t.database.db.selectFrom('farmerMessages').innerJoin('parcels', 'parcels.id', 'farmerMessages.parcelId').selectAll('farmerMessages').where('parcels.orderId', '=', orderId).execute()
    const saleMessages = () => wechat.messages.filter((m) => m.template_id === SALE_TEMPLATE)
    beforeAll(async () => {
      // The earlier tests' messages, queued while she had no WeChat, are given up first.
      await t.app.orderJobs.runOnce()
      await t.database.db.updateTable('users').set({ wechatOpenid: 'o-lixiuying' }).where('id', '=', demoUserId('li-xiuying')).execute()
    })

    it('tells her once what sold and by when to hand it in; a farmer without WeChat gets none', async () => {
      t.setNow('2026-12-30T02:00:00.000Z') // 10:00 China on Wednesday the 30th: Thursday's run
      const before = saleMessages().length
      const { order } = await twoParcelOrder(t, who)
      const skin = await paidOrder(t, who.buyer, [['milk-skin', 2]])
      await t.app.orderJobs.runOnce()
      await t.app.orderJobs.runOnce()
      const sent = saleMessages().slice(before)
      expect(sent).toHaveLength(2)
      expect(sent.every((m) => m.touser === 'o-lixiuying' && m.page === 'packages/farmer/pages/sales/index')).toBe(true)
      expect(sent.map((m) => m.data.thing1.value)).toEqual(['鲜牛奶（当日挤） 3升', '奶皮子 2斤'])
      expect(sent[1].data.time2.value).toBe('2026年12月30日 20:00')
      expect(sent[1].data.thing3.value).toBe('新店子村服务站')
      expect(await messagesOf(skin.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })])
      // 王建国 signs in on H5 only: his message is given up, not retried.
      const lamb = (await messagesOf(order.id)).find((m) => m.farmerId === seedId('frm', 'wang-jianguo'))
      expect(lamb).toMatchObject({ status: 'failed', lastError: 'the farmer has no WeChat account' })
    })

    it('is tried again when WeChat fails, and the payment does not wait for it', async () => {
      t.setNow('2026-12-30T03:00:00.000Z')
      wechat.failSends(1)
      const skin = await paidOrder(t, who.buyer, [['milk-skin', 1]])
      expect(skin.status).toBe('paid')
      await t.app.orderJobs.runOnce()
      expect(await messagesOf(skin.id)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'errcode -1' })])
      t.advance(60_000 + 1000)
      await t.app.orderJobs.runOnce()
      expect(await messagesOf(skin.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
    })

    it('gives up at once when she did not subscribe', async () => {
      wechat.failSends(1, 43101)
      const skin = await paidOrder(t, who.buyer, [['milk-skin', 1]])
      await t.app.orderJobs.runOnce()
      expect(await messagesOf(skin.id)).toEqual([expect.objectContaining({ status: 'failed', lastError: 'errcode 43101' })])
    })
  })
})
