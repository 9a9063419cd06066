import { withPhotoOrigin } from '../../server/http/photo-urls'
import { listingId, newKey, orderBody } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, demoUserId, signInAs, type TestApp } from './support/test-app'

/* Services name a photo by its path on this server; the edge (server/http/photo-urls.ts) makes
   it absolute, once, for every answer of the API. The app sees what it always saw. */

describe('withPhotoOrigin', () => {
  const origin = () => 'https://shop.example.cn'

  it('makes the photo fields absolute, however deep, and nothing else', () => {
    const answer = {
      items: [{ description: '/photos/typed-by-a-farmer', photos: [{ id: 'pho_1', url: '/photos/a.jpg', thumbUrl: '/photos/a-thumb.jpg', width: 1, height: 1 }] }],
      lines: [{ thumbUrl: null }, { thumbUrl: '/photos/b-thumb.jpg' }],
      nextCursor: null,
    }
    expect(withPhotoOrigin(answer, origin)).toEqual({
      items: [{ description: '/photos/typed-by-a-farmer', photos: [{ id: 'pho_1', url: 'https://shop.example.cn/photos/a.jpg', thumbUrl: 'https://shop.example.cn/photos/a-thumb.jpg', width: 1, height: 1 }] }],
      lines: [{ thumbUrl: null }, { thumbUrl: 'https://shop.example.cn/photos/b-thumb.jpg' }],
      nextCursor: null,
    })
    // A copy: what the service returned is left as it was.
    expect(answer.items[0].photos[0].url).toBe('/photos/a.jpg')
  })

  it('leaves a URL already absolute as it is (an answer kept for replays by an older server)', () => {
    expect(withPhotoOrigin({ url: 'http://old.example/photos/a.jpg' }, origin)).toEqual({ url: 'http://old.example/photos/a.jpg' })
  })

  it('asks for the origin only when there is a photo to show', () => {
    const never = () => {
      throw new Error('no origin needed')
    }
    expect(withPhotoOrigin({ items: [], counts: { lamb: 2 }, at: 'x' }, never)).toEqual({ items: [], counts: { lamb: 2 }, at: 'x' })
  })
})

describe.each(DATABASES)('photo URLs at the edge on %s', (dialect) => {
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
  })
  afterAll(() => t?.close())

  const photoFields = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(photoFields)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, field]) => ((key === 'url' || key === 'thumbUrl') && typeof field === 'string' ? [field] : photoFields(field)))
        : []

  it('answers listings, quotes and orders with URLs on the Host asked', async () => {
    const host = { host: 'xiangji.test:3000' }
    const catalog = await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=5', headers: host })
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/orders/quote', headers: { ...host, ...bearer(buyer) }, payload: orderBody([['lamb-chops', 1]]) })
    const urls = [...photoFields(catalog.json()), ...photoFields(quote.json())]
    expect(urls.length).toBeGreaterThan(5)
    for (const url of urls) expect(url).toMatch(/^http:\/\/xiangji\.test:3000\/photos\/[a-z0-9._-]+$/)
  })

  it('keeps an order’s answer free of any origin, and a replay answers the URLs of the Host it came to', async () => {
    const key = newKey()
    const place = (host: string) => t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { host, ...bearer(buyer), 'idempotency-key': key }, payload: orderBody([['lamb-chops', 1]]) })
    const first = await place('one.example')
    expect(first.statusCode).toBe(201)
    expect(first.json().lines[0].thumbUrl).toMatch(/^http:\/\/one\.example\/photos\//)

    const kept = await t.database.db.selectFrom('idempotencyKeys').select('responseBody').where('buyerId', '=', demoUserId('buyer-chenxiao')).where('key', '=', key).executeTakeFirstOrThrow()
    expect(JSON.parse(kept.responseBody!).lines[0].thumbUrl).toMatch(/^\/photos\//)

    const replay = await place('two.example')
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(JSON.parse(first.body.replaceAll('http://one.example/', 'http://two.example/')))
  })

  it('with XIANGJI_PUBLIC_URL, every photo is on it, whatever the Host', async () => {
    const pinned = await t.anotherServer({ publicUrl: 'https://cdn.xiangji.example' })
    const response = await pinned.inject({ method: 'GET', url: `/api/v1/listings/${listingId('lamb-chops')}`, headers: { host: 'other.example' } })
    const urls = photoFields(response.json())
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(url.startsWith('https://cdn.xiangji.example/photos/')).toBe(true)
  })
})
