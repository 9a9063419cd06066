import { readConfig } from '../../server/config'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

/* Without WeChat (the demo, the tests) the local checker stands in, with the same interface:
   text holding a word of the block-list is refused like WeChat's risky verdict, the rest passes,
   and a photo's verdict (pass) comes at once. No message-push route is served. */

describe('the block-list setting', () => {
  it('defaults to the demo phrase; XIANGJI_CONTENT_BLOCKLIST replaces it, comma separated', () => {
    expect(readConfig({} as unknown as NodeJS.ProcessEnv).contentSecurity.blocklist).toEqual(['违禁测试词'])
    expect(readConfig({ XIANGJI_CONTENT_BLOCKLIST: ' 甲词, 乙词 ,' } as unknown as NodeJS.ProcessEnv).contentSecurity.blocklist).toEqual(['甲词', '乙词'])
    expect(readConfig({ XIANGJI_CONTENT_BLOCKLIST: '' } as unknown as NodeJS.ProcessEnv).contentSecurity.blocklist).toEqual([])
    expect(() => readConfig({ WECHAT_MSG_PUSH_AES_KEY: 'short' } as unknown as NodeJS.ProcessEnv)).toThrow(/43-character/)
  })
})

describe('a server half configured for WeChat’s content security', () => {
  it('refuses to start with a message-push token but no mini-program, or no public URL for the photos', async () => {
    const token = { msgPushToken: 'token', msgPushAesKey: '', blocklist: [] }
    await expect(createTestApp('sqlite', { seed: false, config: { contentSecurity: token } })).rejects.toThrow(/WECHAT_APP_ID/)
    await expect(createTestApp('sqlite', { seed: false, wechat: { apiBase: 'http://127.0.0.1:9', appId: 'wx1', appSecret: 's' }, config: { contentSecurity: token } })).rejects.toThrow(/XIANGJI_PUBLIC_URL/)
  })
})

describe.each(DATABASES)('the local content checker on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}
  const call = (method: 'GET' | 'POST', url: string, key?: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: key ? bearer(tokens[key]) : {}, ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['wang-jianguo', 'op-shebiya']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t.close())

  it('refuses 违禁测试词 in a description, naming the field; nothing is saved', async () => {
    const before = (await call('GET', '/my/listings?limit=100', 'wang-jianguo')).json().items.length
    const response = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([await photoUploadedBy(t, 'wang-jianguo')]), description: '好羊肉，违禁测试词' })
    expect(response.statusCode).toBe(422)
    expect(response.json().error).toMatchObject({ code: 'CONTENT_RISKY', details: { fields: ['description'] } })
    expect((await call('GET', '/my/listings?limit=100', 'wang-jianguo')).json().items).toHaveLength(before)
  })

  it('passes other text, and its photos pass at once', async () => {
    const photoId = await photoUploadedBy(t, 'wang-jianguo')
    const response = await call('POST', '/listings', 'wang-jianguo', lambFields([photoId]))
    expect(response.statusCode).toBe(201)
    expect(response.json().contentCheck).toEqual({ text: 'pass', textFlags: [], photos: [{ photoId, check: 'pass' }] })
  })

  it('checks reject reasons and farmer names too', async () => {
    const listing = (await call('POST', '/listings', 'wang-jianguo', lambFields([await photoUploadedBy(t, 'wang-jianguo')]))).json()
    const reject = await call('POST', `/listings/${listing.id}/reject`, 'op-shebiya', { reason: '违禁测试词' })
    expect(reject.json().error).toMatchObject({ code: 'CONTENT_RISKY', details: { fields: ['reason'] } })
    const farmer = await call('POST', '/farmers', 'op-shebiya', { name: '违禁测试词' })
    expect(farmer.statusCode).toBe(422)
    expect((await call('POST', '/farmers', 'op-shebiya', { name: '赵大山' })).json()).not.toHaveProperty('nameCheck')
  })

  it('serves no message-push URL without WeChat', async () => {
    expect((await call('GET', '/wechat/message-push?signature=x&timestamp=1&nonce=2&echostr=3')).statusCode).toBe(404)
  })
})
