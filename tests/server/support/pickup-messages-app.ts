import type { DialectName } from '../../../server/db/database'
import { type FakeWeChat, startFakeWeChat } from './fake-wechat'
import { type PickupCast, signInCast } from './order-fixtures'
import { createTestApp, demoUserId, type TestApp } from './test-app'

export interface PickupMessagesApp {
  /** The fake WeChat on 127.0.0.1; its `messages` are what was sent. */
  wechat: FakeWeChat
  t: TestApp
  cast: PickupCast
}

/** A test app whose "ready for pickup" messages go to a fake WeChat with this template, the
 *  pickup cast signed in, and the demo buyer given the WeChat identity messages are sent to. */
export async function createPickupMessagesApp(dialect: DialectName, pickupTemplateId: string): Promise<PickupMessagesApp> {
  const wechat = await startFakeWeChat()
  const t = await createTestApp(dialect, { wechat: { apiBase: wechat.baseUrl, appId: wechat.appId, appSecret: wechat.appSecret, pickupTemplateId } })
  const cast = await signInCast(t)
  // After signing in: dev login takes only demo users without WeChat.
  await t.database.db.updateTable('users').set({ wechatOpenid: 'o-chenxiao' }).where('id', '=', demoUserId('buyer-chenxiao')).execute()
  return { wechat, t, cast }
}
