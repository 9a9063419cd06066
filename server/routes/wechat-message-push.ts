import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ContentSecurityConfig } from '../config'
import { decryptPush, PushDecryptionError, pushSignature, signatureMatches } from '../integrations/wechat-message-push'
import type { PhotoChecks } from '../services/content/photo-checks'
import { ServiceError } from '../services/service-error'
import { WECHAT_SUGGESTIONS, type WeChatSuggestion } from '../../src/domain/content-check'

/* WeChat's message push (消息推送, JSON data format): the URL to enter in the mini-program's admin
   console (开发 → 开发管理 → 消息推送) is <XIANGJI_PUBLIC_URL>/api/v1/wechat/message-push. WeChat
   checks it with a GET; events arrive as POSTs, signed with the token, encrypted in safe mode.
   Only wxa_media_check (a photo's verdict) is used; anything else is acknowledged and ignored.
   WeChat retries an event it got no "success" for, and a verdict applied twice changes nothing. */

export interface MessagePushOptions {
  appId: string
  security: ContentSecurityConfig
  photos: PhotoChecks
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

const refused = (message: string) => new ServiceError('UNAUTHENTICATED', message)

export const wechatMessagePushRoutes: FastifyPluginAsyncTypebox<MessagePushOptions> = async (app, { appId, security, photos }) => {
  const { msgPushToken: token, msgPushAesKey: aesKey } = security

  // The body must be JSON (the JSON data format chosen in the console), whatever it is labelled.
  app.addContentTypeParser(['text/plain', 'text/xml', 'application/xml'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)))
    } catch {
      done(new ServiceError('VALIDATION_FAILED', 'the message push takes JSON: choose the JSON data format in the console'), undefined)
    }
  })

  app.get('/wechat/message-push', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    if (!signatureMatches(pushSignature(token, text(query.timestamp), text(query.nonce)), query.signature)) throw refused('the signature does not match the message push token')
    return reply.type('text/plain').send(text(query.echostr))
  })

  app.post('/wechat/message-push', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const body = (request.body ?? {}) as Record<string, unknown>
    const timestamp = text(query.timestamp)
    const nonce = text(query.nonce)
    let event: Record<string, unknown>
    if (typeof body.Encrypt === 'string') {
      if (!aesKey) throw refused('safe mode is not configured (WECHAT_MSG_PUSH_AES_KEY)')
      if (!signatureMatches(pushSignature(token, timestamp, nonce, body.Encrypt), query.msg_signature)) throw refused('msg_signature does not match')
      try {
        event = JSON.parse(decryptPush(aesKey, body.Encrypt, appId))
      } catch (error) {
        throw refused(error instanceof PushDecryptionError ? error.message : 'the decrypted message is not JSON')
      }
    } else {
      // Safe mode chosen: a plain event is no event of WeChat's.
      if (aesKey) throw refused('this server takes safe-mode (encrypted) messages only')
      if (!signatureMatches(pushSignature(token, timestamp, nonce), query.signature)) throw refused('the signature does not match the message push token')
      event = body
    }

    if (event.MsgType === 'event' && event.Event === 'wxa_media_check') {
      const result = (event.result ?? {}) as Record<string, unknown>
      const suggest = WECHAT_SUGGESTIONS.includes(result.suggest as WeChatSuggestion) ? (result.suggest as WeChatSuggestion) : null
      const traceId = text(event.trace_id)
      if (event.appid !== undefined && event.appid !== appId) throw refused('the event is for another mini-program')
      // errcode ≠ 0: WeChat could not check the photo; the jobs ask again when the wait is over.
      if (traceId && suggest && Number(event.errcode ?? 0) === 0) {
        const outcome = await photos.applyVerdict(traceId, suggest, Number.isInteger(result.label) ? Number(result.label) : null)
        request.log.info({ traceId, suggest, outcome }, 'wxa_media_check received')
      } else {
        request.log.warn({ traceId, errcode: event.errcode }, 'wxa_media_check without a verdict')
      }
    }
    return reply.type('text/plain').send('success')
  })
}
