import { sql } from 'kysely'
import sharp from 'sharp'
import { chinaMonth } from '../../src/domain/china-time'
import { identityGap } from '../../src/domain/reconciliation'
import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { storePhoto } from '../../server/services/photos/photos'
import { type FakeWeChat, startFakeWeChat } from './support/fake-wechat'
import { PICKUP_POINT, paidOrderOf } from './support/order-fixtures'
import { lambFields } from './support/listing-fixtures'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* 注销账号 on SQLite and PostgreSQL. A buyer, a farmer with her own account and a phoneless
   farmer, each with a distinctive name, phone and openid, buy and sell through a whole order (an
   after-sale case with the buyer's photo and note, settlement, payouts by WeChat and in cash).
   While anything is under way the deletion is refused, naming the orders; then each is deleted,
   and every text column of every table of the database is searched for what was theirs: none of
   it is left. The county's books still balance to the fen, and the old tokens are dead. */

const COUNTY = seedId('cty', 'horinger')
const SHEBIYA = seedId('vil', 'shebiya')

const BUYER = { name: '甄宝玉注销测试', phone: '13900009911', openid: 'oDEL-buyer-q7x2k9m4' }
const FARMER = { id: seedId('frm', 'del-tanchun'), userId: seedId('usr', 'del-tanchun'), name: '贾探春注销测试', phone: '13900001357', openid: 'oDEL-farmer-w3n8z5p1' }
const PHONELESS = { id: seedId('frm', 'del-xiangyun'), name: '史湘云注销测试', phone: '13900002468' }
const SECRETS = [BUYER.name, BUYER.phone, BUYER.openid, FARMER.name, FARMER.phone, FARMER.openid, PHONELESS.name, PHONELESS.phone]

/** Every row of every table, as text, with the secrets of SECRETS found in it. A column added
 *  tomorrow is searched too: the table list comes from the database itself. */
async function findSecrets(t: TestApp, dialect: string): Promise<string[]> {
  const db = t.database.db
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name)
  expect(tables).toEqual(expect.arrayContaining(['users', 'farmers', 'orders', 'ledger_entries', 'after_sale_cases', 'account_deletions']))
  const found: string[] = []
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    for (const row of rows) {
      const text = JSON.stringify(row)
      for (const secret of SECRETS) if (text.includes(secret)) found.push(`${table}: ${secret}`)
    }
  }
  return [...new Set(found)]
}

describe.each(DATABASES)('deleting an account on %s', (dialect) => {
  let t: TestApp
  let wechat: FakeWeChat
  let buyer: string
  let buyerId: string
  let farmer: string
  let operator: string
  let staffGao: string
  let staffLi: string
  let order: any
  let liveListing: string
  let pendingListing: string
  let proxyListing: string
  let farmerPhotoKeys: string[]
  let booksBefore: any

  const call = (token: string | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: token ? bearer(token) : {}, ...(payload ? { payload } : method === 'GET' ? {} : { payload: {} }) })
  const db = () => t.database.db
  const clock = () => new Date(Date.now() + t.clockOffset())
  const month = chinaMonth(new Date())
  // Files are named by their content: every photo a colour of its own, or two would share a file
  // and the one still in use would keep the other's (the farmer's photos' files must go).
  let photosMade = 0
  const photoBy = async (userId: string) => {
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30 + ++photosMade, g: 90, b: 40 } } }).jpeg().toBuffer()
    return storePhoto({ db: db(), storage: t.storage, clock }, image, userId)
  }
  const signInWithWeChat = async (openid: string) => (await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: wechat.issueCode(openid) } })).json()

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    t = await createTestApp(dialect, { wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret } })
    t.setNow(`${month}-10T02:00:00.000Z`)
    const now = clock().toISOString()
    await db().insertInto('farmers').values([
      { id: FARMER.id, villageId: SHEBIYA, name: FARMER.name, phone: FARMER.phone, createdAt: now },
      { id: PHONELESS.id, villageId: SHEBIYA, name: PHONELESS.name, phone: PHONELESS.phone, createdAt: now },
    ]).execute()
    await db().insertInto('users').values({ id: FARMER.userId, role: 'farmer', name: FARMER.name, villageId: SHEBIYA, countyId: COUNTY, farmerId: FARMER.id, wechatOpenid: FARMER.openid, createdAt: now }).execute()
    const signedBuyer = await signInWithWeChat(BUYER.openid)
    buyer = signedBuyer.token
    buyerId = signedBuyer.user.id
    await db().updateTable('users').set({ name: BUYER.name }).where('id', '=', buyerId).execute()
    farmer = (await signInWithWeChat(FARMER.openid)).token
    ;[operator, staffGao, staffLi] = await Promise.all(['op-shebiya', 'staff-gao', 'staff-li'].map((key) => signInAs(t.app, key)))

    // Her listings: one live, one waiting for review; a proxy listing for the phoneless farmer.
    const photos = [await photoBy(FARMER.userId), await photoBy(FARMER.userId)]
    farmerPhotoKeys = photos.flatMap((p) => [p.storageKey, p.thumbKey])
    liveListing = (await call(farmer, 'POST', '/listings', lambFields([photos[0].id]))).json().id
    expect((await call(operator, 'POST', `/listings/${liveListing}/approve`)).statusCode).toBe(200)
    // Her own words often carry her phone number: erased with her.
    pendingListing = (await call(farmer, 'POST', '/listings', { ...lambFields([photos[1].id]), title: '羊蝎子 鲜', description: `要货打电话 ${FARMER.phone}` })).json().id
    const proxy = await call(operator, 'POST', '/listings', { ...lambFields([(await photoBy(seedId('usr', 'op-shebiya'))).id]), title: '土鸡蛋 三十枚', farmerId: PHONELESS.id })
    expect(proxy.statusCode).toBe(201)
    proxyListing = proxy.json().id

    order = await paidOrderOf(t, buyer, { lines: [{ listingId: liveListing, quantity: 2 }, { listingId: proxyListing, quantity: 1 }], pickupPointId: PICKUP_POINT })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await wechat?.close()
  })

  it('finds the people in the database before anything is deleted (the search works)', async () => {
    expect((await findSecrets(t, dialect)).map((f) => f.split(': ')[1]).sort()).toEqual(expect.arrayContaining([BUYER.name, BUYER.openid, FARMER.name, FARMER.phone, FARMER.openid, PHONELESS.name, PHONELESS.phone].sort()))
  })

  it('refuses while an order is open, naming it, for the buyer, the farmer and the phoneless farmer', async () => {
    const expected = { id: order.id, number: order.number, status: 'paid' }
    for (const response of [await call(buyer, 'DELETE', '/me'), await call(farmer, 'DELETE', '/me'), await call(operator, 'DELETE', `/farmers/${PHONELESS.id}`)]) {
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('ACCOUNT_HAS_OPEN_ORDERS')
      expect(response.json().error.details.orders).toEqual([expect.objectContaining(expected)])
    }
    // Nothing was touched: still signed in, the listings still offered.
    expect((await call(buyer, 'GET', '/me')).statusCode).toBe(200)
    expect((await db().selectFrom('listings').select('status').where('id', '=', liveListing).executeTakeFirstOrThrow()).status).toBe('live')
  })

  it('refuses while an after-sale case waits, then while money is still owed to the farmer', async () => {
    for (const parcel of order.parcels) expect((await call(operator, 'POST', `/parcels/${parcel.id}/collect`)).statusCode).toBe(200)
    for (const parcel of order.parcels) expect((await call(staffGao, 'POST', `/parcels/${parcel.id}/receive`)).statusCode).toBe(200)
    const ready = (await call(buyer, 'GET', `/orders/${order.id}`)).json()
    expect((await call(staffGao, 'POST', '/pickups/verify', { code: ready.pickupCode })).statusCode).toBe(200)
    const casePhoto = await photoBy(buyerId)
    const reported = await call(buyer, 'POST', `/orders/${order.id}/cases`, { listingId: liveListing, kind: 'short_weight', note: `我是${BUYER.name}，电话${BUYER.phone}，少了二两`, photoIds: [casePhoto.id] })
    expect(reported.statusCode).toBe(201)
    expect((await call(buyer, 'DELETE', '/me')).json().error).toMatchObject({ code: 'ACCOUNT_HAS_OPEN_ORDERS', details: { orders: [expect.objectContaining({ number: order.number, status: 'picked_up' })] } })
    expect((await call(staffGao, 'POST', `/cases/${reported.json().id}/decide`, { refundFen: 500 })).statusCode).toBe(200)

    // Her sale is in the after-sale window: pending money, not hers to lose.
    const owed = await call(farmer, 'DELETE', '/me')
    expect(owed.statusCode).toBe(409)
    expect(owed.json().error).toMatchObject({ code: 'ACCOUNT_HAS_BALANCE', details: { pendingFen: expect.any(Number), payableFen: 0, inFlightFen: 0 } })
    expect(owed.json().error.details.pendingFen).toBeGreaterThan(0)

    // A day later the sale settles and a run pays her by WeChat and the phoneless farmer in cash.
    t.advance(24 * 3600_000 + 60_000)
    await settleDueSales({ db: db(), dialect, clock })
    expect((await call(operator, 'DELETE', `/farmers/${PHONELESS.id}`)).json().error.code).toBe('ACCOUNT_HAS_BALANCE')
    const run = (await call(staffGao, 'POST', '/county/payout-runs')).json()
    expect((await call(staffLi, 'POST', `/county/payout-runs/${run.id}/approve`)).statusCode).toBe(200)
    await t.app.orderJobs.runOnce()
    const cash = run.payouts.find((p: any) => p.payeeId === PHONELESS.id)
    expect((await call(staffGao, 'POST', `/payouts/${cash.id}/record-offline`, { reference: '现金 收据0099' })).statusCode).toBe(200)
    expect((await call(staffLi, 'POST', `/payouts/${cash.id}/approve-offline`)).statusCode).toBe(200)
    const paid = await db().selectFrom('payouts').select(['payeeId', 'status']).where('payeeId', 'in', [FARMER.id, PHONELESS.id]).execute()
    expect(paid.map((p) => p.status)).toEqual(['paid', 'paid'])
    booksBefore = (await call(staffGao, 'GET', `/county/reconciliation?month=${month}`)).json()
  })

  it("exports a person's own data, without a secret", async () => {
    const response = await call(buyer, 'GET', '/me/export')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toBe('attachment; filename="xiangji-my-data.json"')
    const data = response.json()
    expect(data.profile).toMatchObject({ id: buyerId, role: 'buyer', name: BUYER.name, wechatLinked: true })
    expect(data.orders).toEqual([expect.objectContaining({ id: order.id, number: order.number, status: 'picked_up', totalFen: order.totalFen })])
    expect(data.orders[0].lines).toHaveLength(2)
    expect(data.orders[0].payments).toEqual([expect.objectContaining({ provider: 'sandbox', status: 'succeeded', amountFen: order.totalFen })])
    expect(data.cases).toEqual([expect.objectContaining({ kind: 'short_weight', status: 'refunded', refundFen: 500 })])
    expect(data.photos).toHaveLength(1)
    expect(data.photos[0].url).toMatch(/^http:\/\/.+\/photos\//)
    expect(data.sessions.length).toBeGreaterThan(0)
    const row = await db().selectFrom('orders').select(['pickupCodeHash', 'pickupCodeSealed']).where('id', '=', order.id).executeTakeFirstOrThrow()
    const session = await db().selectFrom('wechatSessions').select('sessionKey').where('userId', '=', buyerId).executeTakeFirstOrThrow()
    for (const secret of [buyer, BUYER.openid, row.pickupCodeHash!, row.pickupCodeSealed!, session.sessionKey]) expect(response.body).not.toContain(secret)
    expect(response.body).not.toMatch(/tokenHash|sessionKey|pickupCode|openid/i)

    const hers = (await call(farmer, 'GET', '/me/export')).json()
    expect(hers.farmer).toMatchObject({ id: FARMER.id, name: FARMER.name, phone: FARMER.phone, villageId: SHEBIYA })
    expect(hers.listings.map((l: any) => l.id).sort()).toEqual([liveListing, pendingListing].sort())
    expect(hers.ledger.length).toBeGreaterThan(0)
    expect(hers.payouts).toEqual([expect.objectContaining({ status: 'paid', method: 'wechat' })])
    expect((await call(null, 'GET', '/me/export')).statusCode).toBe(401)
  })

  it('deletes the buyer: tokens dead at once, sign-in by dev login refused, data erased', async () => {
    const second = (await signInWithWeChat(BUYER.openid)).token
    expect((await call(buyer, 'DELETE', '/me')).statusCode).toBe(204)
    for (const token of [buyer, second]) {
      expect((await call(token, 'GET', '/me')).statusCode).toBe(401)
      expect((await call(token, 'GET', '/orders')).statusCode).toBe(401)
      expect((await call(token, 'DELETE', '/me')).statusCode).toBe(401)
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: buyerId } })).statusCode).toBe(404)
    const tombstone = await db().selectFrom('users').selectAll().where('id', '=', buyerId).executeTakeFirstOrThrow()
    expect(tombstone).toMatchObject({ name: '已注销用户', wechatOpenid: null, deletedAt: expect.any(String) })
    expect(await db().selectFrom('sessions').select('tokenHash').where('userId', '=', buyerId).execute()).toEqual([])
    expect(await db().selectFrom('wechatSessions').select('userId').where('userId', '=', buyerId).execute()).toEqual([])
    // The case stays in the books (its kind, the refund), without her words or her photo.
    const kept = await db().selectFrom('afterSaleCases').select(['note', 'status', 'refundFen']).where('orderId', '=', order.id).executeTakeFirstOrThrow()
    expect(kept).toEqual({ note: '', status: 'refunded', refundFen: 500 })
    expect(await db().selectFrom('photos').select('id').where('uploadedBy', '=', buyerId).execute()).toEqual([])
  })

  it("deletes the farmer: her listings withdrawn through their machine, her photos' files gone", async () => {
    expect((await call(farmer, 'DELETE', '/me')).statusCode).toBe(204)
    expect((await call(farmer, 'GET', '/me')).statusCode).toBe(401)
    const listings = await db().selectFrom('listings').select(['id', 'status']).where('farmerId', '=', FARMER.id).orderBy('id').execute()
    expect(listings.map((l) => l.status)).toEqual(['withdrawn', 'withdrawn'])
    const events = await db().selectFrom('listingEvents').select(['listingId', 'action', 'fromStatus', 'actorUserId', 'reason']).where('listingId', 'in', [liveListing, pendingListing]).where('action', '=', 'withdrawn').execute()
    expect(events.map((e) => [e.listingId, e.fromStatus]).sort()).toEqual([[liveListing, 'live'], [pendingListing, 'pending_review']].sort())
    expect(events.every((e) => e.actorUserId === FARMER.userId && e.reason === '农户已注销账号')).toBe(true)
    for (const key of farmerPhotoKeys) expect(await t.storage.get(key)).toBeNull()
    expect(await db().selectFrom('farmers').select(['name', 'phone']).where('id', '=', FARMER.id).executeTakeFirstOrThrow()).toEqual({ name: '已注销用户', phone: null })
    // Gone from the catalog and the village's list of farmers.
    expect((await call(null, 'GET', `/listings/${liveListing}`)).statusCode).toBe(404)
  })

  it("lets only the village's cun xiao'er delete a phoneless farmer's record, recorded in the history", async () => {
    const otherVillage = await signInAs(t.app, 'op-heilaoyao')
    expect((await call(otherVillage, 'DELETE', `/farmers/${PHONELESS.id}`)).statusCode).toBe(404)
    expect((await call(staffGao, 'DELETE', `/farmers/${PHONELESS.id}`)).statusCode).toBe(403)
    expect((await call(null, 'DELETE', `/farmers/${PHONELESS.id}`)).statusCode).toBe(401)
    // A farmer with her own account deletes it herself.
    const withAccount = await call(operator, 'DELETE', `/farmers/${seedId('frm', 'wang-jianguo')}`)
    expect(withAccount.statusCode).toBe(409)
    expect(withAccount.json().error).toMatchObject({ code: 'CONFLICT', details: { reason: 'farmer.has_account' } })

    const deleted = await call(operator, 'DELETE', `/farmers/${PHONELESS.id}`)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toEqual({ farmerId: PHONELESS.id, deletedAt: expect.any(String) })
    expect((await call(operator, 'DELETE', `/farmers/${PHONELESS.id}`)).statusCode).toBe(404)
    const farmers = (await call(operator, 'GET', '/farmers')).json().items
    expect(farmers.map((f: any) => f.id)).not.toContain(PHONELESS.id)
    const history = (await call(operator, 'GET', `/listings/${proxyListing}/history`)).json().items
    expect(history[history.length - 1]).toMatchObject({ action: 'withdrawn', actor: { id: seedId('usr', 'op-shebiya') }, fromStatus: 'live', reason: '应农户本人要求删除资料' })
    const records = await db().selectFrom('accountDeletions').selectAll().orderBy('at').execute()
    expect(records.map((r) => [r.userId, r.farmerId, r.actorUserId, r.reason])).toEqual([
      [buyerId, null, buyerId, 'own_request'],
      [FARMER.userId, FARMER.id, FARMER.userId, 'own_request'],
      [null, PHONELESS.id, seedId('usr', 'op-shebiya'), 'farmer_request'],
    ])
  })

  it('leaves no name, phone or openid of theirs in any column of any table', async () => {
    expect(await findSecrets(t, dialect)).toEqual([])
  })

  it('keeps the orders and the books: the order adds up and the county still balances to the fen, as before', async () => {
    const kept = await db().selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow()
    const lines = await db().selectFrom('orderLines').select('lineTotalFen').where('orderId', '=', order.id).execute()
    expect(kept).toMatchObject({ buyerId, status: 'picked_up', totalFen: order.totalFen })
    expect(kept.subtotalFen).toBe(lines.reduce((s, l) => s + l.lineTotalFen, 0))
    expect(kept.totalFen).toBe(kept.subtotalFen + kept.shippingFen - kept.subsidyFen)
    const books = (await call(staffGao, 'GET', `/county/reconciliation?month=${month}`)).json()
    expect(books).toEqual(booksBefore)
    for (const line of books.lines) expect([line.villageName, line.differenceFen, identityGap(line)]).toEqual([line.villageName, 0, 0])
    const entries = await db().selectFrom('ledgerEntries').select('amountFen').where('countyId', '=', COUNTY).execute()
    expect(entries.reduce((s, e) => s + Number(e.amountFen), 0)).toBe(0)
  })

  it('gives a later WeChat sign-in with the same openid a new account, not the old one', async () => {
    const again = await signInWithWeChat(BUYER.openid)
    expect(again.user.id).not.toBe(buyerId)
    expect(again.user.name).toBe('微信用户')
    expect((await call(again.token, 'GET', '/orders')).json().items).toEqual([])
    const demoUsers = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/dev/users' })).json()
    expect(demoUsers.map((u: any) => u.id)).not.toContain(buyerId)
  })

  it("lets staff delete theirs once nothing is owed to them; the county's records keep the anonymised clerk", async () => {
    // 白丽娟's commission on the order went out in cash, recorded by nobody yet: still in flight.
    const owed = await call(operator, 'DELETE', '/me')
    expect(owed.json().error).toMatchObject({ code: 'ACCOUNT_HAS_BALANCE', details: { inFlightFen: expect.any(Number) } })
    expect(owed.json().error.details.inFlightFen).toBeGreaterThan(0)
    expect((await call(staffLi, 'DELETE', '/me')).statusCode).toBe(204)
    expect((await call(staffLi, 'GET', '/county/payout-runs')).statusCode).toBe(401)
    const runs = (await call(staffGao, 'GET', '/county/payout-runs')).json().items
    expect(runs[0]).toMatchObject({ decidedBy: seedId('usr', 'staff-li'), decidedByName: '已注销用户' })
  })
})

