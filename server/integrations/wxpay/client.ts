import { chinaRfc3339 } from '../../../src/domain/china-time'
import type { WeChatPayConfig } from './config'
import { authorization, verifyFromWeChat } from './signatures'

/* Our calls to WeChat Pay v3: each request signed with the merchant key, each answer's signature
   checked before a byte of it is believed. A network failure, a timeout, a 429 or a 5xx is
   `transient` (try again later: the calls are safe to repeat); any other refusal is `rejected`. */

export class WeChatPayError extends Error {
  constructor(
    readonly kind: 'transient' | 'rejected',
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message)
  }
}

export interface TransactionState {
  tradeState: string
  transactionId: string | null
  amountFen: number | null
  mchid: string
  appid: string
}

export interface RefundState {
  refundId: string
  status: 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL'
}

/** A signed call to WeChat Pay v3 whose answer is believed only once its signature checks out. */
export function createSignedCall(config: WeChatPayConfig, now: () => Date = () => new Date()) {
  return async function call(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    let response: Response
    let text: string
    try {
      response = await fetch(config.apiBase + pathWithQuery, {
        method,
        headers: { authorization: authorization(config, method, pathWithQuery, body, now()), accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...extraHeaders },
        body: body || undefined,
        signal: AbortSignal.timeout(config.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw new WeChatPayError('transient', `WeChat Pay did not answer: ${(error as Error).message}`)
    }
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    if (response.status >= 500 || response.status === 429) throw new WeChatPayError('transient', `WeChat Pay answered ${response.status}`, response.status, json?.code)
    if (response.status >= 400) throw new WeChatPayError('rejected', json?.message ?? `WeChat Pay answered ${response.status}`, response.status, json?.code)
    try {
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => (headers[name] = value))
      verifyFromWeChat(config, headers, text, now())
    } catch (error) {
      // An answer we cannot trust is no answer: ask again later.
      throw new WeChatPayError('transient', `WeChat Pay's answer is not signed by WeChat Pay: ${(error as Error).message}`, response.status)
    }
    return { status: response.status, json }
  }
}

export type SignedCall = ReturnType<typeof createSignedCall>

export function createWeChatPayClient(config: WeChatPayConfig, now: () => Date = () => new Date()) {
  const call = createSignedCall(config, now)

  const path = (value: string) => encodeURIComponent(value)

  return {
    async jsapiPrepay(input: { outTradeNo: string; description: string; amountFen: number; payerOpenid: string; timeExpire: Date }): Promise<{ prepayId: string }> {
      const { json } = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: config.appId,
        mchid: config.mchid,
        description: input.description,
        out_trade_no: input.outTradeNo,
        time_expire: chinaRfc3339(input.timeExpire),
        notify_url: config.notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
        payer: { openid: input.payerOpenid },
      })
      if (typeof json?.prepay_id !== 'string') throw new WeChatPayError('transient', 'WeChat Pay answered without a prepay_id')
      return { prepayId: json.prepay_id }
    },

    async queryByOutTradeNo(outTradeNo: string): Promise<TransactionState> {
      const { json } = await call('GET', `/v3/pay/transactions/out-trade-no/${path(outTradeNo)}?mchid=${path(config.mchid)}`)
      return { tradeState: String(json.trade_state), transactionId: json.transaction_id ?? null, amountFen: json.amount?.total ?? null, mchid: String(json.mchid ?? ''), appid: String(json.appid ?? '') }
    },

    async close(outTradeNo: string): Promise<void> {
      await call('POST', `/v3/pay/transactions/out-trade-no/${path(outTradeNo)}/close`, { mchid: config.mchid })
    },

    async refund(input: { outTradeNo: string; outRefundNo: string; reason: string; refundFen: number; totalFen: number }): Promise<RefundState> {
      const { json } = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        reason: input.reason,
        // The same URL as payments: the route tells a refund's notice by its event type.
        notify_url: config.notifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      })
      return { refundId: String(json.refund_id), status: json.status }
    },

    async queryRefund(outRefundNo: string): Promise<RefundState> {
      const { json } = await call('GET', `/v3/refund/domestic/refunds/${path(outRefundNo)}`)
      return { refundId: String(json.refund_id), status: json.status }
    },
  }
}

export type WeChatPayClient = ReturnType<typeof createWeChatPayClient>
