import type { FastifyPluginAsync } from 'fastify'
import type { Clock } from '../clock'
import { databaseOutage } from '../db/outage'
import type { WeChatPayConfig } from '../integrations/wxpay/config'
import { failBody, NotificationRefused, readNotification } from '../integrations/wxpay/notification'
import { PaymentMismatch } from '../services/payments/payment-mismatch'
import type { PaymentService } from '../services/payments/payment-service'

export interface NotifyRouteOptions {
  config: WeChatPayConfig
  payments: PaymentService
  clock: Clock
}

/* POST /payments/wechat/notify: WeChat Pay tells us a payment went through, or how a refund
   ended. The body is kept exactly as it arrived (the signature covers its bytes), verified,
   decrypted and matched against our payment (merchant, app, out_trade_no, amount) or refund
   (merchant, out_refund_no, amount) before anything changes; a replay changes nothing. Answers
   are WeChat's: 204 when taken, else a FAIL body and WeChat retries. */
export const wechatPayNotifyRoutes: FastifyPluginAsync<NotifyRouteOptions> = async (app, { config, payments, clock }) => {
  // In this route's scope only: the raw text, whatever content type it claims.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body))

  app.post('/payments/wechat/notify', { schema: { tags: ['payments'], summary: 'WeChat Pay v3 payment and refund notifications (signed, encrypted)' } }, async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : ''
    let notice
    try {
      notice = readNotification(config, request.headers, raw, clock())
    } catch (error) {
      const reason = error instanceof NotificationRefused ? error.reason : 'unreadable'
      request.log.warn({ reason }, 'WeChat Pay notification refused')
      return reply.status(401).send(failBody(reason))
    }
    if (notice.mchid !== config.mchid || (notice.kind === 'transaction' && notice.appid !== config.appId)) {
      request.log.warn({ outTradeNo: notice.outTradeNo }, 'WeChat Pay notification for another merchant or app')
      return reply.status(400).send(failBody('not our merchant or app'))
    }
    try {
      if (notice.kind === 'refund') {
        await payments.refundNotice({ outTradeNo: notice.outTradeNo, outRefundNo: notice.outRefundNo, refundId: notice.refundId, status: notice.refundStatus, refundFen: notice.refundFen })
      } else if (notice.eventType === 'TRANSACTION.SUCCESS' && notice.tradeState === 'SUCCESS') {
        await payments.applyConfirmed(notice.outTradeNo, notice.transactionId, notice.amountFen)
      }
      // Any other payment event is taken and ignored: only a success changes anything.
    } catch (error) {
      if (error instanceof PaymentMismatch) {
        request.log.warn({ outTradeNo: notice.outTradeNo, problem: error.message }, 'WeChat Pay notification does not match our records')
        return reply.status(400).send(failBody('does not match our payment'))
      }
      // WeChat Pay sends it again on any failure; a database that is away is only a reason to wait.
      const outage = databaseOutage(error)
      if (outage) {
        request.log.warn({ reason: outage.reason, outTradeNo: notice.outTradeNo }, 'WeChat Pay notification postponed: database unavailable')
        return reply.status(503).header('retry-after', String(outage.retryAfterSeconds)).send(failBody('try again'))
      }
      request.log.error({ err: error }, 'WeChat Pay notification could not be applied')
      return reply.status(500).send(failBody('try again'))
    }
    return reply.status(204).send()
  })
}
