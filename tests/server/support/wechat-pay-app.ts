import type { DialectName } from '../../../server/db/database'
import { type FakeWeChatPay, startFakeWeChatPay } from './fake-wechatpay-server'
import { createTestApp, demoUserId, signInAs, type TestApp } from './test-app'

export interface WeChatPayTestApp {
  fake: FakeWeChatPay
  t: TestApp
  /** The demo buyer 陈晓, signed in, with the WeChat openid WeChat Pay needs. */
  buyer: string
  close(): Promise<void>
}

/** A test app that pays through a fake WeChat Pay with keys of its own. */
export async function createWeChatPayTestApp(dialect: DialectName): Promise<WeChatPayTestApp> {
  const fake = await startFakeWeChatPay()
  const t = await createTestApp(dialect, { wechatPay: fake.config('https://xiangji.example/api/v1/payments/wechat/notify') })
  const buyer = await signInAs(t.app, 'buyer-chenxiao')
  // The buyer signed in with WeChat once: WeChat Pay needs their openid.
  await t.database.db.updateTable('users').set({ wechatOpenid: 'o-buyer-chenxiao' }).where('id', '=', demoUserId('buyer-chenxiao')).execute()
  return {
    fake,
    t,
    buyer,
    async close() {
      await t.close()
      await fake.close()
    },
  }
}
