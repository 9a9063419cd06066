import { createDecipheriv, createSign, createVerify, type KeyObject, randomBytes } from 'node:crypto'
import type { WeChatPayConfig } from './config'

/* WeChat Pay v3's signatures, both ways, and the AES-256-GCM of its notifications.
   - We sign each request: SHA256-RSA over "METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n".
   - WeChat signs each answer and notification: over "TIMESTAMP\nNONCE\nBODY\n", checked with its
     public key named by Wechatpay-Serial, refused when more than 5 minutes off our clock.
   - The mini-program's wx.requestPayment carries our signature over
     "APPID\nTIMESTAMP\nNONCESTR\nprepay_id=…\n". */

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60

export const nonce = () => randomBytes(16).toString('hex')

export function rsaSign(key: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message).sign(key, 'base64')
}

export function rsaVerify(key: KeyObject, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(key, signature, 'base64')
  } catch {
    return false
  }
}

export function authorization(config: WeChatPayConfig, method: string, pathWithQuery: string, body: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000).toString()
  const nonceStr = nonce()
  const signature = rsaSign(config.merchantKey, `${method}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`)
  return `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.merchantSerial}"`
}

export type SignatureRefusal = 'missing_headers' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature'

export class SignatureRefused extends Error {
  constructor(readonly reason: SignatureRefusal) {
    super(`WeChat Pay signature refused: ${reason}`)
  }
}

type Headers = Record<string, string | string[] | undefined>
const header = (headers: Headers, name: string) => {
  const value = headers[name] ?? headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** Checks what WeChat Pay sent (an answer or a notification) over its exact bytes. */
export function verifyFromWeChat(config: WeChatPayConfig, headers: Headers, body: string, now: Date): void {
  const timestamp = header(headers, 'wechatpay-timestamp')
  const nonceStr = header(headers, 'wechatpay-nonce')
  const signature = header(headers, 'wechatpay-signature')
  const serial = header(headers, 'wechatpay-serial')
  if (!timestamp || !nonceStr || !signature || !serial || !/^\d+$/.test(timestamp)) throw new SignatureRefused('missing_headers')
  const key = config.platformKeys.get(serial)
  if (!key) throw new SignatureRefused('unknown_serial')
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new SignatureRefused('stale_timestamp')
  if (!rsaVerify(key, `${timestamp}\n${nonceStr}\n${body}\n`, signature)) throw new SignatureRefused('bad_signature')
}

export interface RequestPaymentParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

export function requestPaymentParams(config: WeChatPayConfig, prepayId: string, now: Date): RequestPaymentParams {
  const timeStamp = Math.floor(now.getTime() / 1000).toString()
  const nonceStr = nonce()
  const pkg = `prepay_id=${prepayId}`
  return { appId: config.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(config.merchantKey, `${config.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`) }
}

export interface EncryptedResource {
  algorithm: string
  ciphertext: string
  associated_data?: string
  nonce: string
}

/** The resource of a notification, opened with the APIv3 key; throws if it was altered. */
export function decryptResource(apiV3Key: Buffer, resource: EncryptedResource): string {
  const data = Buffer.from(resource.ciphertext, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}
