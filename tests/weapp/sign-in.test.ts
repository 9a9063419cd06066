import { type FakeWeChat, startFakeWeChat } from '../server/support/fake-wechat'
import { type SpawnedServer, spawnDemoServer } from '../support/spawn-demo-server'
import { type MiniProgram, launchMiniProgram, waitFor } from './support/mini-program'

/* Sign-in in the compiled mini-program: 我的 → 微信登录 calls wx.login, the app sends the code to
   the real server, which exchanges it at (a fake of) WeChat's code2Session. */

let wechat: FakeWeChat
let server: SpawnedServer
let app: MiniProgram
const loginCalls: string[] = []

beforeAll(async () => {
  wechat = await startFakeWeChat()
  server = await spawnDemoServer({ WECHAT_API_BASE: wechat.baseUrl, WECHAT_APP_ID: wechat.appId, WECHAT_APP_SECRET: wechat.appSecret })
  app = launchMiniProgram(server.url, {
    // What wx.login does on the phone: a fresh one-time code for this WeChat user.
    login(options: { success?: (r: object) => void; complete?: (r: object) => void }) {
      const code = wechat.issueCode('openid-weapp-buyer')
      loginCalls.push(code)
      const result = { code, errMsg: 'login:ok' }
      setTimeout(() => {
        options.success?.(result)
        options.complete?.(result)
      }, 0)
    },
  })
}, 90_000)

afterAll(async () => {
  await server?.close()
  await wechat?.close()
})

it('signs a buyer in with WeChat and shows who is signed in', async () => {
  const page = app.open('pages/me/index')
  const button = await waitFor(() => page.querySelector('.wechat-login'), 'the WeChat sign-in button')
  expect(page.dom.textContent).toContain('未登录')
  button.dispatchEvent('tap')
  await waitFor(() => page.querySelector('.sign-out'), 'the signed-in buyer')
  expect(loginCalls).toHaveLength(1)
  const exchanged = wechat.calls.map((q) => q.get('js_code'))
  expect(exchanged).toContain(loginCalls[0])
  expect(page.dom.textContent).toContain('微信用户')
  expect(page.dom.textContent).toContain('买家')
})
