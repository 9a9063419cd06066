import net, { type AddressInfo } from 'node:net'
import { seedId } from '../../server/ids'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { multipartForm } from './support/multipart'
import { orderBody, placeOrder } from './support/order-fixtures'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

/* Control characters and lone surrogates in anything a client sends: PostgreSQL refused a NUL
   with a 500 where SQLite stored it (issue 10). Now every text field, query, path and cursor
   refuses them with 400 VALIDATION_FAILED naming the field, on both databases, and nothing is
   written. */

// Never in any field, multi-line or not.
const FORBIDDEN: [string, string][] = [
  ['NUL', '\u0000'],
  ['a bell', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udfff'],
]
// Fine in a description or a reason, never in a title, a name or a search.
const LINE_BREAKS: [string, string][] = [
  ['a line feed', '\n'],
  ['a carriage return', '\r'],
  ['a tab', '\t'],
]
const ONE_LINE_FORBIDDEN = [...FORBIDDEN, ...LINE_BREAKS]

// Cursor content as a client could forge it: the server's own form is [createdAt, id].
const CREATED_AT = '2026-11-28T05:30:00.000Z'
const LISTING_ID = seedId('lst', 'lamb-chops')
const asCursor = (content: unknown) => Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)).toString('base64url')
const FORGED_CURSORS: [string, string][] = [
  ['NUL in its timestamp', asCursor([`${CREATED_AT}\u0000`, LISTING_ID])],
  ['NUL in its id', asCursor([CREATED_AT, `${LISTING_ID}\u0000`])],
  ['only NUL', asCursor(['\u0000', '\u0000'])],
  ['a lone surrogate', asCursor([CREATED_AT, 'lst_\ud800'])],
  ['an object instead of a pair', asCursor({ createdAt: CREATED_AT, id: LISTING_ID })],
  ['numbers', asCursor([1, 2])],
  ['a third element', asCursor([CREATED_AT, LISTING_ID, 'x'])],
  ['one element', asCursor([CREATED_AT])],
  ['null', asCursor('null')],
  ['a date that is not an instant', asCursor(['2026-02-30T00:00:00.000Z', LISTING_ID])],
  ['a date in another form', asCursor(['2026-11-28 05:30:00', LISTING_ID])],
  ['an id no id has', asCursor([CREATED_AT, "lst_x' or '1'='1"])],
  ['an id far too long', asCursor([CREATED_AT, `lst_${'a'.repeat(300)}`])],
  ['bytes that are not UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]).toString('base64url')],
  ['a NUL before encoding', '%00'],
  ['characters base64url has not', 'eyJ9%0A'],
]

function expectRefused(response: { statusCode: number; json(): any }, field: string) {
  expect({ status: response.statusCode, body: response.json() }).toMatchObject({
    status: 400,
    body: { error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: { [field]: expect.any(String) } } },
  })
}

/** What a server answers to bytes no HTTP client library would send. */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request))
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe.each(DATABASES)('control characters on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key?: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: key ? bearer(tokens[key]) : {}, ...(payload ? { payload } : {}) })
  const count = async (table: 'listings' | 'listingEvents' | 'farmers' | 'orders' | 'idempotencyKeys') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  let pending: { id: string; title: string; description: string; updatedAt: string }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['wang-jianguo', 'op-shebiya', 'buyer-chenxiao']) tokens[key] = await signInAs(t.app, key)
    const created = await call('POST', '/listings', 'wang-jianguo', lambFields([await photoUploadedBy(t, 'wang-jianguo')]))
    expect(created.statusCode).toBe(201)
    pending = created.json()
  })
  afterAll(() => t.close())

  describe('in the query and the path', () => {
    it.each(ONE_LINE_FORBIDDEN.filter(([name]) => !name.includes('surrogate')))('refuses %s in the catalog search', async (_name, character) => {
      expectRefused(await call('GET', `/listings?q=${encodeURIComponent(`羊${character}肉`)}`), 'q')
    })

    it('still searches for what a person types', async () => {
      const response = await call('GET', `/listings?q=${encodeURIComponent('羊排')}`)
      expect(response.statusCode).toBe(200)
      expect(response.json().items.map((l: any) => l.id)).toContain(LISTING_ID)
    })

    it('refuses bytes that are no UTF-8 text (a surrogate half, an overlong NUL) without a 500', async () => {
      for (const raw of ['%ED%A0%80', '%C0%80', '%FF']) {
        const response = await call('GET', `/listings?q=${raw}`)
        expect(response.statusCode).toBeLessThan(500)
      }
    })

    it('refuses control characters, bytes that are no UTF-8 and overlong values in path parameters, in the error shape', async () => {
      const paths: [string, string | undefined][] = [
        ['/listings/%00', undefined],
        ['/listings/lst_%07x', undefined],
        ['/listings/%C2%85', undefined],
        ['/listings/%ED%A0%80', undefined],
        ['/listings/%FF/history', 'op-shebiya'],
        ['/orders/ord_%00', 'buyer-chenxiao'],
      ]
      for (const [path, key] of paths) {
        const response = await call('GET', path, key)
        expect({ path, status: response.statusCode, code: response.json().error?.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' })
      }
      expect((await call('POST', '/listings/%00/approve', 'op-shebiya')).statusCode).toBe(400)
      // Too long is its own status (tests/server/transport.test.ts), in the same shape.
      expect((await call('GET', `/listings/${'a'.repeat(150)}`)).json()).toEqual({ error: { code: 'URI_TOO_LONG', message: expect.any(String) } })
      const photo = await t.app.inject({ url: '/photos/%ED%A0%80.jpg' })
      expect(photo.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    })
  })

  describe.each([
    ['/listings', undefined],
    ['/my/listings', 'wang-jianguo'],
    ['/review-queue', 'op-shebiya'],
    ['/orders', 'buyer-chenxiao'],
  ])('the cursor of %s', (path, key) => {
    it.each(FORGED_CURSORS)('refuses a cursor with %s', async (_name, cursor) => {
      expectRefused(await call('GET', `${path}?limit=2&cursor=${cursor}`, key), 'cursor')
    })

    it('takes a cursor of the shape the server gives out', async () => {
      const response = await call('GET', `${path}?limit=2&cursor=${asCursor([CREATED_AT, LISTING_ID])}`, key)
      expect(response.statusCode).toBe(200)
    })
  })

  describe('in a listing', () => {
    it.each(ONE_LINE_FORBIDDEN)('refuses %s in the title of a new listing, and writes nothing', async (_name, character) => {
      const before = { listings: await count('listings'), events: await count('listingEvents') }
      const fields = lambFields([await photoUploadedBy(t, 'wang-jianguo')])
      expectRefused(await call('POST', '/listings', 'wang-jianguo', { ...fields, title: `羔羊${character}肉` }), 'title')
      expect({ listings: await count('listings'), events: await count('listingEvents') }).toEqual(before)
    })

    it.each(FORBIDDEN)('refuses %s in the description of a new listing, and writes nothing', async (_name, character) => {
      const before = await count('listings')
      const fields = lambFields([await photoUploadedBy(t, 'wang-jianguo')])
      expectRefused(await call('POST', '/listings', 'wang-jianguo', { ...fields, description: `六月龄${character}羔羊` }), 'description')
      expect(await count('listings')).toBe(before)
    })

    it('refuses an operator’s proxy listing with NUL in its description', async () => {
      const fields = { ...lambFields([await photoUploadedBy(t, 'op-shebiya')]), farmerId: seedId('frm', 'zhang-erniu'), description: '\u0000' }
      expectRefused(await call('POST', '/listings', 'op-shebiya', fields), 'description')
    })

    it.each(ONE_LINE_FORBIDDEN)('refuses %s in an edited title or description; the listing stays as it was', async (name, character) => {
      const events = await count('listingEvents')
      expectRefused(await call('PATCH', `/listings/${pending.id}`, 'wang-jianguo', { title: `新${character}标题` }), 'title')
      if (!LINE_BREAKS.some(([breakName]) => breakName === name)) {
        expectRefused(await call('PATCH', `/listings/${pending.id}`, 'op-shebiya', { description: `新${character}介绍` }), 'description')
      }
      const now = (await call('GET', `/listings/${pending.id}`, 'wang-jianguo')).json()
      expect(now).toMatchObject({ title: pending.title, description: pending.description, updatedAt: pending.updatedAt, status: 'pending_review' })
      expect(await count('listingEvents')).toBe(events)
    })

    it.each(FORBIDDEN)('refuses %s in a reject reason; the listing stays under review', async (_name, character) => {
      expectRefused(await call('POST', `/listings/${pending.id}/reject`, 'op-shebiya', { reason: `照片${character}不清楚` }), 'reason')
      expect((await call('GET', `/listings/${pending.id}`, 'op-shebiya')).json()).toMatchObject({ status: 'pending_review' })
    })

    it('keeps line breaks and tabs where a person types them: a description and a reason', async () => {
      const description = '六月龄羔羊\n当天宰杀\r\n真空包装\t冷链'
      const created = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([await photoUploadedBy(t, 'wang-jianguo')]), title: '羔羊肉🐑', description })
      expect(created.statusCode).toBe(201)
      expect(created.json()).toMatchObject({ title: '羔羊肉🐑', description })
      const reason = '照片不清楚\n请补拍羊排'
      const rejected = await call('POST', `/listings/${created.json().id}/reject`, 'op-shebiya', { reason })
      expect(rejected.statusCode).toBe(200)
      expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: reason })
    })
  })

  it.each(ONE_LINE_FORBIDDEN)('refuses %s in a farmer’s name, and adds no farmer', async (_name, character) => {
    const before = await count('farmers')
    expectRefused(await call('POST', '/farmers', 'op-shebiya', { name: `王${character}大` }), 'name')
    expect(await count('farmers')).toBe(before)
  })

  it('refuses an Idempotency-Key with control characters, and places no order', async () => {
    const before = { orders: await count('orders'), keys: await count('idempotencyKeys') }
    for (const key of ['key\u0000', 'key\u0007x', 'key\u007f', 'key\u0085']) {
      const response = await placeOrder(t, tokens['buyer-chenxiao'], orderBody([['lamb-chops', 1]]), key)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('VALIDATION_FAILED')
    }
    expect({ orders: await count('orders'), keys: await count('idempotencyKeys') }).toEqual(before)
  })

  it('refuses a WeChat login code with NUL before asking WeChat', async () => {
    expectRefused(await call('POST', '/auth/wechat', undefined, { code: 'abc\u0000' }), 'code')
  })

  it('refuses a multipart field named with control characters, naming no raw bytes back', async () => {
    const form = multipartForm([{ name: 'fi\u0000le', data: 'x' }])
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...bearer(tokens['wang-jianguo']), ...form.headers }, payload: form.payload })
    expect(response.statusCode).toBe(400)
    expect(response.body).not.toMatch(/\\u0000/)
  })

  it('answers a control character in the raw request line or a header, which Node refuses, in the error shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    for (const request of ['GET /api/v1/listings?q=a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n', 'POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0007b\r\n\r\n']) {
      const [head, body] = (await rawHttp(port, request)).split('\r\n\r\n')
      expect(head).toMatch(/^HTTP\/1\.1 400 /)
      expect(JSON.parse(body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } })
    }
  })
})
