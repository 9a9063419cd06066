import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { randomBytes } from 'node:crypto'
import { seedId } from '../../server/ids'
import { PHOTO_CHECK_TRIES, PHOTO_VERDICT_WAIT_MINUTES } from '../../src/domain/content-check'
import { startFakeWeChat, type FakeWeChat } from './support/fake-wechat'
import { signature } from './support/fake-wechat-content'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { DATABASES, bearer, createTestApp, demoUserId, signInAs, type TestApp } from './support/test-app'

/* WeChat's content security against the fake WeChat, on SQLite and PostgreSQL: text checked
   before it is saved (risky refused, review flagged), each photo checked asynchronously with
   the verdict pushed to the message-push URL (plain and safe mode, signatures checked), a risky
   photo hiding even a live listing at once, late, repeated and missing verdicts, WeChat's
   minute quota, and one access token for all of it. */

const TOKEN = 'xiangjiPushToken2026'
const AES_KEY = randomBytes(32).toString('base64').slice(0, 43)
const PUBLIC_URL = 'https://xiangji.example.cn'

async function listenOn(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/wechat/message-push`
}

describe.each(DATABASES)('content security with WeChat on %s', (dialect) => {
  let wechat: FakeWeChat
  let t: TestApp
  let pushUrl: string
  const tokens: Record<string, string> = {}
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key?: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: key ? bearer(tokens[key]) : {}, ...(payload ? { payload } : {}) })
  const count = async (table: 'listings' | 'farmers' | 'listingEvents') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const mediaCheckOf = (photoId: string) => wechat.content.mediaChecks.filter((check) => check.mediaUrl.includes(photoKey.get(photoId)!))
  const photoKey = new Map<string, string>()

  async function photo(key: string): Promise<string> {
    const id = await photoUploadedBy(t, key)
    const row = await t.database.db.selectFrom('photos').select('storageKey').where('id', '=', id).executeTakeFirstOrThrow()
    photoKey.set(id, row.storageKey)
    return id
  }

  /** The operator lists for a farmer of the village: live at once. */
  async function liveListing(): Promise<{ id: string; photoId: string }> {
    const photoId = await photo('op-shebiya')
    const response = await call('POST', '/listings', 'op-shebiya', { ...lambFields([photoId]), farmerId: seedId('frm', 'zhang-erniu') })
    expect(response.statusCode).toBe(201)
    expect(response.json().status).toBe('live')
    return { id: response.json().id, photoId }
  }

  const catalogIds = async () => (await call('GET', '/listings?limit=100')).json().items.map((l: any) => l.id)

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    t = await createTestApp(dialect, {
      wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret },
      config: { publicUrl: PUBLIC_URL, contentSecurity: { msgPushToken: TOKEN, msgPushAesKey: '', blocklist: [] } },
      contentBackoff: { delaysMs: [5, 10, 20], sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    })
    pushUrl = await listenOn(t.app)
    wechat.content.setPushTarget({ url: pushUrl, token: TOKEN, aesKey: '' })
    for (const key of ['wang-jianguo', 'op-shebiya', 'buyer-chenxiao']) tokens[key] = await signInAs(t.app, key)
    // WeChat checks as the author, who must have opened the mini-program: real users have an openid.
    for (const key of ['wang-jianguo', 'op-shebiya']) {
      await t.database.db.updateTable('users').set({ wechatOpenid: `o_${key}` }).where('id', '=', demoUserId(key)).execute()
    }
    wechat.content.setTextVerdict('违禁', 'risky')
    wechat.content.setTextVerdict('偏方', 'review')
  })
  afterEach(() => wechat.content.setPushTiming('now'))
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  it('answers WeChat’s URL check with echostr, and only with the right signature', async () => {
    const q = (signature: string) => `/wechat/message-push?signature=${signature}&timestamp=1733100000&nonce=abc123&echostr=hello42`
    const good = await call('GET', q(signature(TOKEN, '1733100000', 'abc123')))
    expect(good.statusCode).toBe(200)
    expect(good.body).toBe('hello42')
    const bad = await call('GET', q('0'.repeat(40)))
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('UNAUTHENTICATED')
  })

  it('refuses a risky title with 422 naming the field, and saves nothing', async () => {
    const before = await count('listings')
    const response = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([await photo('wang-jianguo')]), title: '羊排 违禁品' })
    expect(response.statusCode).toBe(422)
    expect(response.json().error).toMatchObject({ code: 'CONTENT_RISKY', details: { fields: ['title'] } })
    expect(await count('listings')).toBe(before)
    // Checked as its author, with version 2 and the forum scene.
    expect(wechat.content.textChecks.at(-1)).toMatchObject({ openid: 'o_wang-jianguo', scene: 3 })
  })

  it('saves a description WeChat wants reviewed, flagged for the cun xiao’er, and checks its photo', async () => {
    const photoId = await photo('wang-jianguo')
    const response = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([photoId]), description: '祖传偏方喂养' })
    expect(response.statusCode).toBe(201)
    const listing = response.json()
    expect(listing.contentCheck).toMatchObject({ text: 'review', textFlags: [{ field: 'description', check: 'review' }] })
    const [check] = mediaCheckOf(photoId)
    expect(check).toMatchObject({ mediaUrl: `${PUBLIC_URL}/photos/${photoKey.get(photoId)}`, openid: 'o_wang-jianguo' })
    await wechat.content.settled()
    const queue = (await call('GET', '/review-queue?limit=100', 'op-shebiya')).json().items
    const inQueue = queue.find((l: any) => l.id === listing.id)
    expect(inQueue.contentCheck).toEqual({ text: 'review', textFlags: [{ field: 'description', check: 'review' }], photos: [{ photoId, check: 'pass' }] })
    // Buyers never see the checks.
    expect((await call('POST', `/listings/${listing.id}/approve`, 'op-shebiya')).statusCode).toBe(200)
    expect((await call('GET', `/listings/${listing.id}`)).json().contentCheck).toBeUndefined()
  })

  it('a risky photo hides a live listing at once, says why, and records it; a second push changes nothing', async () => {
    wechat.content.setPushTiming('held')
    const { id, photoId } = await liveListing()
    expect(await catalogIds()).toContain(id)
    wechat.content.setPhotoVerdict(photoKey.get(photoId)!, 'risky')
    const [check] = mediaCheckOf(photoId)
    const events = await count('listingEvents')
    wechat.content.setPushTiming('twice')
    await wechat.content.releaseHeld()
    await fetch(wechat.content.signedPush(check).url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: wechat.content.signedPush(check).body })
    await wechat.content.settled()
    expect(wechat.content.pushes.filter((p) => p.traceId === check.traceId).every((p) => p.status === 200 && p.body === 'success')).toBe(true)

    expect(await catalogIds()).not.toContain(id)
    expect((await call('GET', `/listings/${id}`)).statusCode).toBe(404)
    const queue = (await call('GET', '/review-queue?limit=100', 'op-shebiya')).json().items
    expect(queue.find((l: any) => l.id === id)).toMatchObject({ status: 'hidden', hiddenReason: 'content.photo_risky', contentCheck: { photos: [{ photoId, check: 'risky' }] } })
    const history = (await call('GET', `/listings/${id}/history`, 'op-shebiya')).json().items
    expect(history.at(-1)).toMatchObject({ action: 'hidden', fromStatus: 'live', toStatus: 'hidden', reason: 'content.photo_risky', actor: { id: 'wechat_content_check' } })
    expect(await count('listingEvents')).toBe(events + 1)

    // The photo never goes on a listing again, and the listing comes back only without it.
    const again = await call('PATCH', `/listings/${id}`, 'op-shebiya', { title: '羔羊肉 新图' })
    expect(again.statusCode).toBe(422)
    expect(again.json().error).toMatchObject({ code: 'CONTENT_RISKY', details: { fields: ['photoIds'], photoIds: [photoId] } })
    expect(await count('listingEvents')).toBe(events + 1)
    const reuse = await call('POST', '/listings', 'op-shebiya', { ...lambFields([photoId]), farmerId: seedId('frm', 'zhang-erniu') })
    expect(reuse.statusCode).toBe(422)
    const replaced = await call('PATCH', `/listings/${id}`, 'op-shebiya', { photoIds: [await photo('op-shebiya')] })
    expect(replaced.statusCode).toBe(200)
    expect(replaced.json()).toMatchObject({ status: 'pending_review' })
    expect(replaced.json().hiddenReason).toBeUndefined()
    await wechat.content.settled()
    expect((await call('POST', `/listings/${id}/approve`, 'op-shebiya')).statusCode).toBe(200)
    expect(await catalogIds()).toContain(id)
  })

  it('a photo WeChat wants reviewed is shown to the operator; a risky one hides a listing under review too', async () => {
    wechat.content.setPushTiming('held')
    const [first, second] = [await photo('wang-jianguo'), await photo('wang-jianguo')]
    const created = (await call('POST', '/listings', 'wang-jianguo', lambFields([first, second]))).json()
    wechat.content.setPhotoVerdict(photoKey.get(first)!, 'review')
    await wechat.content.releaseHeld()
    expect((await call('GET', `/listings/${created.id}`, 'op-shebiya')).json()).toMatchObject({ status: 'pending_review', contentCheck: { photos: [{ photoId: first, check: 'review' }, { photoId: second, check: 'pass' }] } })
    const [check] = mediaCheckOf(second)
    const { url, body } = wechat.content.signedPush(check, { suggest: 'risky' })
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200)
    const mine = (await call('GET', '/my/listings?limit=100', 'wang-jianguo')).json().items.find((l: any) => l.id === created.id)
    expect(mine).toMatchObject({ status: 'hidden', hiddenReason: 'content.photo_risky' })
    const history = (await call('GET', `/listings/${created.id}/history`, 'wang-jianguo')).json().items
    expect(history.at(-1)).toMatchObject({ action: 'hidden', fromStatus: 'pending_review', toStatus: 'hidden' })
  })

  it('refuses a push with a bad signature and changes nothing', async () => {
    wechat.content.setPushTiming('never')
    const { id, photoId } = await liveListing()
    const [check] = mediaCheckOf(photoId)
    const { url, body } = wechat.content.signedPush(check, { suggest: 'risky' })
    const forged = new URL(url)
    forged.searchParams.set('signature', '1'.repeat(40))
    const response = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(401)
    expect(await catalogIds()).toContain(id)
    const unsigned = new URL(url)
    unsigned.searchParams.delete('signature')
    expect((await fetch(unsigned, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401)
    const xml = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<xml><Event>wxa_media_check</Event></xml>' })
    expect(xml.status).toBe(400)
    const mine = (await call('GET', `/listings/${id}`, 'op-shebiya')).json()
    expect(mine.contentCheck.photos).toEqual([{ photoId, check: 'pending' }])
  })

  it('a pending verdict does not hold up approval; a late one still counts', async () => {
    wechat.content.setPushTiming('held')
    const photoId = await photo('wang-jianguo')
    const created = (await call('POST', '/listings', 'wang-jianguo', lambFields([photoId]))).json()
    expect(created.contentCheck.photos).toEqual([{ photoId, check: 'pending' }])
    expect((await call('POST', `/listings/${created.id}/approve`, 'op-shebiya')).statusCode).toBe(200)
    await wechat.content.releaseHeld()
    await wechat.content.settled()
    expect((await call('GET', `/listings/${created.id}`, 'wang-jianguo')).json().contentCheck.photos).toEqual([{ photoId, check: 'pass' }])
  })

  it('a verdict that never comes is asked for again, then marked unchecked for the operator', async () => {
    wechat.content.setPushTiming('never')
    const { id, photoId } = await liveListing()
    expect(mediaCheckOf(photoId)).toHaveLength(1)
    for (let round = 2; round <= PHOTO_CHECK_TRIES; round++) {
      t.advance((PHOTO_VERDICT_WAIT_MINUTES + 1) * 60_000)
      await t.app.orderJobs.runOnce()
      expect(mediaCheckOf(photoId)).toHaveLength(round)
    }
    t.advance((PHOTO_VERDICT_WAIT_MINUTES + 1) * 60_000)
    await t.app.orderJobs.runOnce()
    expect(mediaCheckOf(photoId)).toHaveLength(PHOTO_CHECK_TRIES)
    expect((await call('GET', `/listings/${id}`, 'op-shebiya')).json().contentCheck.photos).toEqual([{ photoId, check: 'unchecked' }])
    // The first try's verdict, arriving after all, is still heard: a risky photo is never shown.
    const [first] = mediaCheckOf(photoId)
    const { url, body } = wechat.content.signedPush(first, { suggest: 'risky' })
    // However WeChat labels the JSON it pushes.
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body })).status).toBe(200)
    expect(await catalogIds()).not.toContain(id)
  })

  it('waits and asks again when WeChat is over its quota (45009); saves text unchecked when it stays so', async () => {
    wechat.failContent(2, 45009)
    const ok = await call('POST', '/listings', 'wang-jianguo', lambFields([await photo('wang-jianguo')]))
    expect(ok.statusCode).toBe(201)
    expect(ok.json().contentCheck.text).toBe('pass')
    wechat.failContent(100, 45009)
    const busy = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([await photo('wang-jianguo')]), title: '羊肉 忙时' })
    wechat.failContent(0)
    expect(busy.statusCode).toBe(201)
    expect(busy.json().contentCheck).toMatchObject({ text: 'unchecked', textFlags: [{ field: 'title', check: 'unchecked' }, { field: 'description', check: 'unchecked' }] })
    // The fake's own minute quota, spent: 45009 on every try, so the name is saved unchecked.
    wechat.content.setTextQuota(0)
    const over = await call('POST', '/farmers', 'op-shebiya', { name: '赵大山' })
    wechat.content.setTextQuota(4000)
    expect(over.statusCode).toBe(201)
    expect(over.json().nameCheck).toBe('unchecked')
  })

  it('checks reject reasons and farmer names as the operator’s text', async () => {
    const listing = (await call('POST', '/listings', 'wang-jianguo', lambFields([await photo('wang-jianguo')]))).json()
    const reject = await call('POST', `/listings/${listing.id}/reject`, 'op-shebiya', { reason: '含违禁内容的理由' })
    expect(reject.statusCode).toBe(422)
    expect(reject.json().error.details.fields).toEqual(['reason'])
    expect(wechat.content.textChecks.at(-1)).toMatchObject({ openid: 'o_op-shebiya', scene: 2 })
    expect((await call('GET', `/listings/${listing.id}`, 'wang-jianguo')).json().status).toBe('pending_review')
    const farmers = await count('farmers')
    const name = await call('POST', '/farmers', 'op-shebiya', { name: '违禁名字' })
    expect(name.statusCode).toBe(422)
    expect(name.json().error).toMatchObject({ code: 'CONTENT_RISKY', details: { fields: ['name'] } })
    expect(await count('farmers')).toBe(farmers)
    expect(wechat.content.textChecks.at(-1)).toMatchObject({ scene: 1 })
  })

  it('takes safe-mode (encrypted) pushes when given the EncodingAESKey, and only those', async () => {
    const safe = await t.anotherServer({ contentSecurity: { msgPushToken: TOKEN, msgPushAesKey: AES_KEY, blocklist: [] } })
    const safeUrl = await listenOn(safe)
    wechat.content.setPushTiming('never')
    const { id, photoId } = await liveListing()
    const [check] = mediaCheckOf(photoId)

    wechat.content.setPushTarget({ url: safeUrl, token: TOKEN, aesKey: AES_KEY })
    const plainToSafe = (() => {
      wechat.content.setPushTarget({ url: safeUrl, token: TOKEN, aesKey: '' })
      return wechat.content.signedPush(check, { suggest: 'risky' })
    })()
    expect((await fetch(plainToSafe.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: plainToSafe.body })).status).toBe(401)

    wechat.content.setPushTarget({ url: safeUrl, token: TOKEN, aesKey: AES_KEY })
    const sealed = wechat.content.signedPush(check, { suggest: 'risky' })
    expect(JSON.parse(sealed.body)).toEqual({ ToUserName: 'gh_fake', Encrypt: expect.any(String) })
    const tampered = JSON.stringify({ ...JSON.parse(sealed.body), Encrypt: JSON.parse(sealed.body).Encrypt.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) })
    expect((await fetch(sealed.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: tampered })).status).toBe(401)
    expect(await catalogIds()).toContain(id)

    const accepted = await fetch(sealed.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sealed.body })
    expect(accepted.status).toBe(200)
    expect(await accepted.text()).toBe('success')
    expect(await catalogIds()).not.toContain(id)
    wechat.content.setPushTarget({ url: pushUrl, token: TOKEN, aesKey: '' })
  })

  it('every call shared one access token', () => {
    expect(wechat.content.textChecks.length + wechat.content.mediaChecks.length).toBeGreaterThan(10)
    expect(wechat.tokensIssued).toBe(1)
  })
})
