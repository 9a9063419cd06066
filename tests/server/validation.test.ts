import { DATABASES, createTestApp, type TestApp } from './support/test-app'

/* Bad input at the boundary: always a 4xx in API.md's error shape, never a 500. */

function expectError(response: { statusCode: number; json(): any }, status: number, code: string) {
  expect(response.statusCode).toBe(status)
  const body = response.json()
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/) // no stack trace
  return body.error
}

describe.each(DATABASES)('request validation on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false })
  })
  afterAll(() => t.close())

  it('refuses malformed JSON with VALIDATION_FAILED', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', headers: { 'content-type': 'application/json' }, payload: '{"userId": ' })
    expectError(response, 400, 'VALIDATION_FAILED')
  })

  it('refuses an empty JSON body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', headers: { 'content-type': 'application/json' }, payload: '' })
    expectError(response, 400, 'VALIDATION_FAILED')
  })

  it('names each bad field: wrong types, missing and unknown fields', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: 7, role: 'admin' } })
    const error = expectError(response, 400, 'VALIDATION_FAILED')
    expect(error.details).toMatchObject({ userId: expect.any(String), role: 'unknown field' })

    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: {} })
    expect(expectError(missing, 400, 'VALIDATION_FAILED').details).toEqual({ userId: 'is required' })
  })

  it('does not coerce body types: a number where a string belongs is refused', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 123456 } })
    expect(expectError(response, 400, 'VALIDATION_FAILED').details).toHaveProperty('code')
  })

  it('refuses limit > 100, limit 0, a non-numeric limit, unknown query fields and a forged cursor', async () => {
    for (const [query, field] of [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=2.5', 'limit'],
      ['status=pending_review', 'status'],
      ['category=fish', 'category'],
      ['cursor=not-a-cursor', 'cursor'],
      [`q=${'羊'.repeat(51)}`, 'q'],
    ]) {
      const response = await t.app.inject({ url: `/api/v1/listings?${query}` })
      expect(expectError(response, 400, 'VALIDATION_FAILED').details).toHaveProperty(field)
    }
  })

  it('refuses an ID with characters no ID has', async () => {
    expectError(await t.app.inject({ url: `/api/v1/listings/${encodeURIComponent("1' or '1'='1")}` }), 400, 'VALIDATION_FAILED')
  })

  it('answers 404 NOT_FOUND for unknown API routes and unknown listings', async () => {
    expectError(await t.app.inject({ url: '/api/v1/nowhere' }), 404, 'NOT_FOUND')
    expectError(await t.app.inject({ url: '/api/v1/listings/lst_doesnotexist' }), 404, 'NOT_FOUND')
  })

  it('answers 415 for a body that is not JSON and 413 for one over the limit', async () => {
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', headers: { 'content-type': 'text/plain' }, payload: 'userId=1' })
    expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE')
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: 'x'.repeat(2 * 1024 * 1024) } })
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE')
  })

  it('never answers 500 to junk', async () => {
    const junk = ['null', '[]', '"text"', '123', '{"userId":null}', '{"userId":{"$ne":1}}', '{"__proto__":{"admin":true}}', '\u0000', '{"userId":"' + '\\u0000'.repeat(10) + '"}']
    for (const url of ['/api/v1/auth/dev', '/api/v1/auth/wechat', '/api/v1/auth/logout']) {
      for (const payload of junk) {
        const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })
        expect(response.statusCode).toBeGreaterThanOrEqual(400)
        expect(response.statusCode).toBeLessThan(500)
        expect(response.json().error.code).toEqual(expect.any(String))
      }
    }
  })
})
