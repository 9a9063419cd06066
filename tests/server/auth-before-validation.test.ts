import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* Who you are is settled before what you sent (server/http/auth.ts): a protected route answers
   a stranger 401 and a wrong role 403 whatever the body, path or content type, and only a
   caller allowed there hears that the request is not valid (400). A public route still works
   with a stale token. */

describe.each(DATABASES)('authentication runs before validation on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect, { devLogin: true })
    for (const key of ['wang-jianguo', 'buyer-chenxiao', 'op-shebiya', 'staff-gao', 'admin']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t?.close())

  const expired = 'x'.repeat(40)
  const invalidBody = { nonsense: true }

  /** A protected route, a body it would refuse, someone of the wrong role and someone of the right one. */
  const routes: { name: string; method: 'POST'; url: string; wrongRole: string; rightRole: string }[] = [
    { name: 'POST /listings (farmer, operator)', method: 'POST', url: '/api/v1/listings', wrongRole: 'buyer-chenxiao', rightRole: 'wang-jianguo' },
    { name: 'POST /orders (buyer)', method: 'POST', url: '/api/v1/orders', wrongRole: 'wang-jianguo', rightRole: 'buyer-chenxiao' },
    { name: 'POST /pickups/verify (county staff)', method: 'POST', url: '/api/v1/pickups/verify', wrongRole: 'op-shebiya', rightRole: 'staff-gao' },
    { name: 'POST /farmers (operator)', method: 'POST', url: '/api/v1/farmers', wrongRole: 'staff-gao', rightRole: 'op-shebiya' },
    { name: 'POST /listings/:id/reject (operator), a bad id', method: 'POST', url: '/api/v1/listings/%20/reject', wrongRole: 'wang-jianguo', rightRole: 'op-shebiya' },
    { name: 'POST /admin/orders/:id/refund (admin)', method: 'POST', url: '/api/v1/admin/orders/ord_none/refund', wrongRole: 'staff-gao', rightRole: 'admin' },
  ]

  describe.each(routes)('$name', ({ method, url, wrongRole, rightRole }) => {
    const send = (headers: Record<string, string>) => t.app.inject({ method, url, headers, payload: invalidBody })

    it('without a token: 401 UNAUTHENTICATED, not 400', async () => {
      const response = await send({})
      expect(response.statusCode).toBe(401)
      expect(response.json().error).toEqual({ code: 'UNAUTHENTICATED', message: 'sign in first' })
    })

    it('with a token that is no longer good: 401 UNAUTHENTICATED, saying so', async () => {
      const response = await send(bearer(expired))
      expect(response.statusCode).toBe(401)
      expect(response.json().error).toEqual({ code: 'UNAUTHENTICATED', message: 'your session has expired or was signed out' })
    })

    it('with a malformed Authorization header: 401', async () => {
      expect((await send({ authorization: 'Bearer !' })).statusCode).toBe(401)
    })

    it('signed in with the wrong role: 403 FORBIDDEN, not 400', async () => {
      const response = await send(bearer(tokens[wrongRole]))
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('FORBIDDEN')
    })

    it('signed in with the right role: the body is judged, 400 VALIDATION_FAILED', async () => {
      const response = await send({ ...bearer(tokens[rightRole]), 'idempotency-key': 'auth-order-1' })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('VALIDATION_FAILED')
    })
  })

  it('refuses a stranger before reading the body: malformed JSON or a wrong content type is still 401', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'content-type': 'application/json' }, payload: '{"lines": [' })
    expect(malformed.statusCode).toBe(401)
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/listings', headers: { 'content-type': 'text/plain' }, payload: 'hello' })
    expect(plain.statusCode).toBe(401)
    const photo = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: bearer(expired), payload: 'not a form' })
    expect(photo.statusCode).toBe(401)
  })

  it('a wrong role is refused on a query it would refuse, and on a GET', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/review-queue?limit=0', headers: bearer(tokens['buyer-chenxiao']) })
    expect(response.statusCode).toBe(403)
    const county = await t.app.inject({ method: 'GET', url: '/api/v1/county/manifest?date=yesterday', headers: bearer(tokens['op-shebiya']) })
    expect(county.statusCode).toBe(403)
  })

  it('a public route still works with a stale token, and still validates', async () => {
    const catalog = await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=1', headers: bearer(expired) })
    expect(catalog.statusCode).toBe(200)
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=0', headers: bearer(expired) })
    expect(bad.statusCode).toBe(400)
  })
})
