import { DATABASES, bearer, createTestApp, type TestApp } from './support/test-app'
import { type FakeWeChat, startFakeWeChat } from './support/fake-wechat'

describe.each(DATABASES)('WeChat sign-in and sessions on %s', (dialect) => {
  let wechat: FakeWeChat
  let t: TestApp

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    t = await createTestApp(dialect, { seed: false, wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret } })
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } })

  it('exchanges a good code for a token of a new buyer, and the same openid signs in as the same user', async () => {
    const first = await login(wechat.issueCode('openid-alice'))
    expect(first.statusCode).toBe(200)
    const { token, user } = first.json()
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(user).toMatchObject({ role: 'buyer' })

    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })
    expect(me.statusCode).toBe(200)
    expect(me.json().id).toBe(user.id)

    const again = await login(wechat.issueCode('openid-alice'))
    expect(again.json().user.id).toBe(user.id)
    expect(again.json().token).not.toBe(token)

    const call = wechat.calls[wechat.calls.length - 1]
    expect(call.get('appid')).toBe(wechat.appId)
    expect(call.get('grant_type')).toBe('authorization_code')
  })

  it('keeps the session_key on the server: never in a response, never in a log line', async () => {
    const response = await login(wechat.issueCode('openid-bob'))
    const stored = await t.database.db.selectFrom('wechatSessions').selectAll().where('openid', '=', 'openid-bob').executeTakeFirstOrThrow()
    expect(stored.sessionKey.length).toBeGreaterThan(10)
    expect(response.body).not.toContain(stored.sessionKey)
    expect(response.body).not.toContain('session_key')
    expect(t.logLines.join('\n')).not.toContain(stored.sessionKey)
  })

  it('stores tokens hashed', async () => {
    const { token } = (await login(wechat.issueCode('openid-carol'))).json()
    const rows = await t.database.db.selectFrom('sessions').select('tokenHash').execute()
    expect(rows.some((r) => r.tokenHash === token)).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true)
  })

  it('answers 401 for an unknown code and for a code used twice', async () => {
    const bad = await login('not-a-code-wechat-gave')
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('UNAUTHENTICATED')

    const code = wechat.issueCode('openid-dave')
    expect((await login(code)).statusCode).toBe(200)
    const reused = await login(code)
    expect(reused.statusCode).toBe(401)
    expect(reused.json().error.code).toBe('UNAUTHENTICATED')
  })

  it('answers 429 RATE_LIMITED when WeChat says the minute quota is reached', async () => {
    wechat.setMinuteQuota(2)
    try {
      expect((await login(wechat.issueCode('openid-erin'))).statusCode).toBe(200)
      expect((await login(wechat.issueCode('openid-erin'))).statusCode).toBe(200)
      const limited = await login(wechat.issueCode('openid-erin'))
      expect(limited.statusCode).toBe(429)
      expect(limited.json().error.code).toBe('RATE_LIMITED')
    } finally {
      wechat.setMinuteQuota(100)
    }
  })

  it('answers 503 when WeChat is busy, never 500', async () => {
    wechat.setBusy(true)
    try {
      const busy = await login(wechat.issueCode('openid-frank'))
      expect(busy.statusCode).toBe(503)
      expect(busy.json().error.code).toBe('UPSTREAM_UNAVAILABLE')
    } finally {
      wechat.setBusy(false)
    }
  })

  it('refuses a missing, empty or oversized code, and unknown fields', async () => {
    for (const payload of [{}, { code: '' }, { code: 'x'.repeat(129) }, { code: 42 }, { code: 'abc', openid: 'me' }]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('VALIDATION_FAILED')
    }
  })

  it('expires tokens, and logout revokes exactly the token used', async () => {
    const { token } = (await login(wechat.issueCode('openid-gina'))).json()
    const { token: other } = (await login(wechat.issueCode('openid-gina'))).json()

    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })
    expect(logout.statusCode).toBe(204)
    const revoked = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().error.code).toBe('UNAUTHENTICATED')
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(other) })).statusCode).toBe(200)

    t.advance(t.config.tokenTtlHours * 3_600_000 + 1000)
    const expired = await t.app.inject({ url: '/api/v1/me', headers: bearer(other) })
    expect(expired.statusCode).toBe(401)
    t.advance(-(t.config.tokenTtlHours * 3_600_000 + 1000))
  })

  it('answers 401 without a token or with a malformed one', async () => {
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer x' } })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401)
  })
})

describe.each(DATABASES)('dev login on %s', (dialect) => {
  it('is 404 when switched off', async () => {
    const t = await createTestApp(dialect, { devLogin: false })
    try {
      const users = await t.app.inject({ url: '/api/v1/auth/dev/users' })
      expect(users.statusCode).toBe(404)
      expect(users.json().error.code).toBe('NOT_FOUND')
      const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: 'usr_anything' } })
      expect(signIn.statusCode).toBe(404)
    } finally {
      await t.close()
    }
  })

  it('lists the demo users by role and signs in as one when switched on', async () => {
    const t = await createTestApp(dialect, { devLogin: true })
    try {
      const users = (await t.app.inject({ url: '/api/v1/auth/dev/users' })).json() as { id: string; role: string }[]
      const roles = users.map((u) => u.role)
      expect(roles).toEqual([...roles].sort((a, b) => ['buyer', 'farmer', 'operator', 'county_staff', 'admin'].indexOf(a) - ['buyer', 'farmer', 'operator', 'county_staff', 'admin'].indexOf(b)))
      const operator = users.find((u) => u.role === 'operator')!
      const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: operator.id } })
      expect(signIn.statusCode).toBe(200)
      const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(signIn.json().token) })).json()
      expect(me).toMatchObject({ id: operator.id, role: 'operator' })
      expect(me.villageId).toEqual(expect.any(String))
      expect(me.countyId).toEqual(expect.any(String))

      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId: 'usr_nobody' } })
      expect(unknown.statusCode).toBe(404)
    } finally {
      await t.close()
    }
  })
})
