import type { WeChatPayConfig } from './config'
import { decryptResource, type EncryptedResource, verifyFromWeChat } from './signatures'

/* A notification from WeChat Pay, verified (signature, serial, 5-minute window, over the raw
   body as it arrived) and decrypted: a payment (TRANSACTION.*) or a refund (REFUND.*), both sent
   to our one notify URL. Whether it matches one of our payments or refunds (amount, mchid, appid,
   out_trade_no, out_refund_no) is the payment service's business, not this module's. */

export interface PaidTransaction {
  kind: 'transaction'
  notificationId: string
  eventType: string
  appid: string
  mchid: string
  outTradeNo: string
  transactionId: string
  tradeState: string
  amountFen: number
}

/** REFUND.SUCCESS, REFUND.ABNORMAL (the buyer's card is closed: money waits for a manual step) or REFUND.CLOSED. */
export interface RefundOutcome {
  kind: 'refund'
  notificationId: string
  eventType: string
  mchid: string
  outTradeNo: string
  outRefundNo: string
  refundId: string
  refundStatus: string
  refundFen: number
}

export class NotificationRefused extends Error {
  constructor(readonly reason: string) {
    super(`payment notification refused: ${reason}`)
  }
}

export type Resource = Record<string, unknown> & { amount?: Record<string, unknown> }

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value))

/** Checks a notification's signature over its raw body, then opens its encrypted resource. */
export function openNotification(config: WeChatPayConfig, headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date): { notificationId: string; eventType: string; resource: Resource } {
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
  const encrypted = envelope.resource
  if (!encrypted || encrypted.algorithm !== 'AEAD_AES_256_GCM' || !encrypted.ciphertext || !encrypted.nonce) throw new NotificationRefused('unexpected_resource')
  let resource: Resource
  try {
    resource = JSON.parse(decryptResource(config.apiV3Key, encrypted))
  } catch {
    throw new NotificationRefused('decrypt_failed')
  }
  return { notificationId: text(envelope.id), eventType: text(envelope.event_type), resource }
}

export function readNotification(config: WeChatPayConfig, headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date): PaidTransaction | RefundOutcome {
  const { notificationId, eventType, resource } = openNotification(config, headers, rawBody, now)
  if (eventType.startsWith('REFUND.')) {
    if (typeof resource.out_refund_no !== 'string' || typeof resource.amount?.refund !== 'number') throw new NotificationRefused('unexpected_resource')
    return {
      kind: 'refund',
      notificationId,
      eventType,
      mchid: text(resource.mchid),
      outTradeNo: text(resource.out_trade_no),
      outRefundNo: resource.out_refund_no,
      refundId: text(resource.refund_id),
      refundStatus: text(resource.refund_status),
      refundFen: resource.amount.refund,
    }
  }
  if (typeof resource.out_trade_no !== 'string' || typeof resource.amount?.total !== 'number') throw new NotificationRefused('unexpected_resource')
  return {
    kind: 'transaction',
    notificationId,
    eventType,
    appid: text(resource.appid),
    mchid: text(resource.mchid),
    outTradeNo: resource.out_trade_no,
    transactionId: text(resource.transaction_id),
    tradeState: text(resource.trade_state),
    amountFen: resource.amount.total,
  }
}

/** What WeChat expects back: 204 when taken, else a 4xx/5xx with this body, and it retries. */
export const failBody = (message: string) => ({ code: 'FAIL', message })
