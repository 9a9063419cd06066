import type { WeChatPayConfig } from './config'
import { decryptResource, type EncryptedResource, verifyFromWeChat } from './signatures'

/* A payment notification from WeChat Pay, verified (signature, serial, 5-minute window, over the
   raw body as it arrived) and decrypted. Whether it matches one of our orders (amount, mchid,
   appid, out_trade_no) is the payment service's business, not this module's. */

export interface PaidTransaction {
  notificationId: string
  eventType: string
  appid: string
  mchid: string
  outTradeNo: string
  transactionId: string
  tradeState: string
  amountFen: number
}

export class NotificationRefused extends Error {
  constructor(readonly reason: string) {
    super(`payment notification refused: ${reason}`)
  }
}

export function readPaymentNotification(config: WeChatPayConfig, headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date): PaidTransaction {
  try {
    verifyFromWeChat(config, headers, rawBody, now)
  } catch (error) {
    throw new NotificationRefused((error as { reason?: string }).reason ?? 'bad_signature')
  }
  let envelope: { id?: string; event_type?: string; resource?: EncryptedResource & { original_type?: string } }
  try {
    envelope = JSON.parse(rawBody)
  } catch {
    throw new NotificationRefused('malformed_body')
  }
  const resource = envelope.resource
  if (!resource || resource.algorithm !== 'AEAD_AES_256_GCM' || !resource.ciphertext || !resource.nonce) throw new NotificationRefused('unexpected_resource')
  let transaction: { appid?: string; mchid?: string; out_trade_no?: string; transaction_id?: string; trade_state?: string; amount?: { total?: number } }
  try {
    transaction = JSON.parse(decryptResource(config.apiV3Key, resource))
  } catch {
    throw new NotificationRefused('decrypt_failed')
  }
  if (!transaction.out_trade_no || typeof transaction.amount?.total !== 'number') throw new NotificationRefused('unexpected_resource')
  return {
    notificationId: String(envelope.id ?? ''),
    eventType: String(envelope.event_type ?? ''),
    appid: String(transaction.appid ?? ''),
    mchid: String(transaction.mchid ?? ''),
    outTradeNo: transaction.out_trade_no,
    transactionId: String(transaction.transaction_id ?? ''),
    tradeState: String(transaction.trade_state ?? ''),
    amountFen: transaction.amount.total,
  }
}

/** What WeChat expects back: 204 when taken, else a 4xx/5xx with this body, and it retries. */
export const failBody = (message: string) => ({ code: 'FAIL', message })
