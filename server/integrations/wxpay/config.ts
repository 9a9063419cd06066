import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import fs from 'node:fs'

/* WeChat Pay API v3 for a mini-program merchant, from the environment. Keys are read once and
   held as KeyObjects; WeChat Pay's public keys are trusted by their id (the `Wechatpay-Serial`
   of what it sends), so a second one can be added while WeChat rotates them. */

export interface WeChatPayConfig {
  mchid: string
  appId: string
  /** The serial number of our merchant API certificate, named in every request we sign. */
  merchantSerial: string
  merchantKey: KeyObject
  /** WeChat Pay's public keys by id (`PUB_KEY_ID_…`). */
  platformKeys: Map<string, KeyObject>
  /** The APIv3 key: 32 bytes, decrypts notifications. */
  apiV3Key: Buffer
  apiBase: string
  /** Our /api/v1/payments/wechat/notify, as WeChat reaches it (https). */
  notifyUrl: string
  timeoutMs: number
  /** 商家转账: the transfer scene granted to the merchant (1005 佣金报酬 by default) and what its report names the payees' work. */
  transferSceneId: string
  transferPost: string
  /** Where WeChat Pay tells us a transfer bill ended: our /api/v1/payouts/wechat/notify (https). */
  transferNotifyUrl: string
}

const VARIABLES = ['WECHAT_PAY_MCHID', 'WECHAT_PAY_MERCHANT_SERIAL', 'WECHAT_PAY_PRIVATE_KEY_FILE', 'WECHAT_PAY_PUBLIC_KEY_ID', 'WECHAT_PAY_PUBLIC_KEY_FILE', 'WECHAT_PAY_APIV3_KEY', 'WECHAT_PAY_NOTIFY_URL'] as const

/** Null when WeChat Pay is not set up (WECHAT_PAY_MCHID unset); an error naming what is missing
 *  when it is half set up, so a server never starts believing it can take money when it cannot. */
export function readWeChatPayConfig(env: Record<string, string | undefined>): WeChatPayConfig | null {
  if (!env.WECHAT_PAY_MCHID) return null
  const missing = VARIABLES.filter((name) => !env[name])
  const appId = env.WECHAT_PAY_APP_ID || env.WECHAT_APP_ID
  if (!appId) missing.push('WECHAT_PAY_APP_ID' as never)
  if (missing.length > 0) throw new Error(`WeChat Pay is half configured: set ${missing.join(', ')}`)
  return weChatPayConfig({
    mchid: env.WECHAT_PAY_MCHID,
    appId: appId!,
    merchantSerial: env.WECHAT_PAY_MERCHANT_SERIAL!,
    merchantKeyPem: fs.readFileSync(env.WECHAT_PAY_PRIVATE_KEY_FILE!, 'utf8'),
    platformKeys: { [env.WECHAT_PAY_PUBLIC_KEY_ID!]: fs.readFileSync(env.WECHAT_PAY_PUBLIC_KEY_FILE!, 'utf8') },
    apiV3Key: env.WECHAT_PAY_APIV3_KEY!,
    apiBase: env.WECHAT_PAY_API_BASE || 'https://api.mch.weixin.qq.com',
    notifyUrl: env.WECHAT_PAY_NOTIFY_URL!,
    timeoutMs: Number(env.WECHAT_PAY_TIMEOUT_MS ?? 10_000),
    transferSceneId: env.WECHAT_PAY_TRANSFER_SCENE_ID,
    transferPost: env.WECHAT_PAY_TRANSFER_POST,
    transferNotifyUrl: env.WECHAT_PAY_TRANSFER_NOTIFY_URL,
  })
}

export interface WeChatPayValues {
  mchid: string
  appId: string
  merchantSerial: string
  merchantKeyPem: string
  platformKeys: Record<string, string>
  apiV3Key: string
  apiBase: string
  notifyUrl: string
  timeoutMs?: number
  transferSceneId?: string
  transferPost?: string
  transferNotifyUrl?: string
}

export function weChatPayConfig(values: WeChatPayValues): WeChatPayConfig {
  const apiV3Key = Buffer.from(values.apiV3Key, 'utf8')
  if (apiV3Key.length !== 32) throw new Error('the WeChat Pay APIv3 key is 32 characters')
  return {
    mchid: values.mchid,
    appId: values.appId,
    merchantSerial: values.merchantSerial,
    merchantKey: createPrivateKey(values.merchantKeyPem),
    platformKeys: new Map(Object.entries(values.platformKeys).map(([id, pem]) => [id, createPublicKey(pem)])),
    apiV3Key,
    apiBase: values.apiBase.replace(/\/$/, ''),
    notifyUrl: values.notifyUrl,
    timeoutMs: values.timeoutMs ?? 10_000,
    transferSceneId: values.transferSceneId || '1005',
    transferPost: values.transferPost || '农产品供货与村级服务',
    // Beside the payments' notify URL unless set: …/payments/wechat/notify → …/payouts/wechat/notify.
    transferNotifyUrl: values.transferNotifyUrl || values.notifyUrl.replace(/\/payments\/wechat\/notify$/, '/payouts/wechat/notify'),
  }
}
