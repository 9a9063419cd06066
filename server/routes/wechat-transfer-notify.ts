import type { FastifyPluginAsync } from 'fastify'
import type { Clock } from '../clock'
import { databaseOutage } from '../db/outage'
import type { WeChatPayConfig } from '../integrations/wxpay/config'
import { failBody, NotificationRefused } from '../integrations/wxpay/notification'
import { readTransferNotification } from '../integrations/wxpay/transfer-bills'
import { applyTransferNotice, PayoutMismatch, type PayoutSendingDeps } from '../services/payouts/payout-sending'

/* POST /payouts/wechat/notify: WeChat Pay tells us a transfer bill ended (MCHTRANSFER.BILL.FINISHED).
   As for payments: the raw body verified and decrypted, matched against our payout (merchant,
   out_bill_no, amount) before anything changes; a replay changes nothing; 204 when taken. */
export const wechatTransferNotifyRoutes: FastifyPluginAsync<{ config: WeChatPayConfig; payouts: PayoutSendingDeps; clock: Clock }> = async (app, { config, payouts, clock }) => {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body))

  app.post('/payouts/wechat/notify', { schema: { tags: ['payouts'], summary: 'WeChat Pay v3 transfer-bill notifications (signed, encrypted)' } }, async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : ''
    let notice
    try {
      notice = readTransferNotification(config, request.headers, raw, clock())
    } catch (error) {
      const reason = error instanceof NotificationRefused ? error.reason : 'unreadable'
      request.log.warn({ reason }, 'WeChat Pay transfer notification refused')
      return reply.status(401).send(failBody(reason))
    }
    if (notice.mchid !== config.mchid) return reply.status(400).send(failBody('not our merchant'))
    try {
      await applyTransferNotice(payouts, notice)
    } catch (error) {
      if (error instanceof PayoutMismatch) {
        request.log.warn({ outBillNo: notice.outBillNo, problem: error.message }, 'WeChat Pay transfer notification does not match our payouts')
        return reply.status(400).send(failBody('does not match our payout'))
      }
      const outage = databaseOutage(error)
      if (outage) return reply.status(503).header('retry-after', String(outage.retryAfterSeconds)).send(failBody('try again'))
      request.log.error({ err: error }, 'WeChat Pay transfer notification could not be applied')
      return reply.status(500).send(failBody('try again'))
    }
    return reply.status(204).send()
  })
}
