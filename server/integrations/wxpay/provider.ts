import type { PaymentProvider } from '../../services/payments/payment-provider'
import { ProviderUnavailable } from '../../services/payments/payment-provider'
import { createWeChatPayClient, WeChatPayError } from './client'
import type { WeChatPayConfig } from './config'
import { requestPaymentParams } from './signatures'

/* WeChat Pay behind our PaymentProvider interface. A query is believed only when the answer is
   signed by WeChat Pay and names our merchant and app. */
export function createWeChatPayProvider(config: WeChatPayConfig, now: () => Date = () => new Date()): PaymentProvider {
  const client = createWeChatPayClient(config, now)
  const unavailable = (error: unknown) => (error instanceof WeChatPayError && error.kind === 'transient' ? new ProviderUnavailable(error.message) : error)

  return {
    name: 'wechat',
    async prepare(input) {
      try {
        const prepayId = input.prepayId ?? (await client.jsapiPrepay({ outTradeNo: input.outTradeNo, description: input.description, amountFen: input.amountFen, payerOpenid: input.payerOpenid ?? '', timeExpire: input.expiresAt })).prepayId
        const { appId: _appId, ...params } = requestPaymentParams(config, prepayId, now())
        return { prepayId, clientParams: params }
      } catch (error) {
        throw unavailable(error)
      }
    },
    async query(outTradeNo) {
      try {
        const found = await client.queryByOutTradeNo(outTradeNo)
        if (found.mchid !== config.mchid || found.appid !== config.appId) return { state: 'unknown' }
        if (found.tradeState === 'SUCCESS' && found.transactionId && found.amountFen !== null) return { state: 'paid', transactionId: found.transactionId, amountFen: found.amountFen }
        return { state: found.tradeState === 'CLOSED' ? 'closed' : 'unpaid' }
      } catch (error) {
        if (error instanceof WeChatPayError && error.code === 'ORDER_NOT_EXIST') return { state: 'unpaid' }
        return { state: 'unknown' }
      }
    },
    async close(outTradeNo) {
      await client.close(outTradeNo)
    },
    async refund(input) {
      const result = await client.refund(input)
      if (result.status === 'CLOSED' || result.status === 'ABNORMAL') throw new Error(`WeChat Pay refund ${input.outRefundNo} is ${result.status}`)
      return { state: result.status === 'SUCCESS' ? 'succeeded' : 'processing', refundId: result.refundId }
    },
    async queryRefund(outRefundNo) {
      const result = await client.queryRefund(outRefundNo).catch(() => null)
      if (!result) return null
      return { state: result.status === 'SUCCESS' ? 'succeeded' : 'processing', refundId: result.refundId }
    },
  }
}
