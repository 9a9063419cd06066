import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { validationFailed } from '../services/service-error'

/* Services name a photo by its path on this server (`/photos/<key>`), the same for every
   caller; the mini-program has no origin of its own, so the API answers absolute URLs. They
   are made here, once, for every answer of the API: a listing, an order, a quote, a case, a
   sale, and refusals too (a PRICE_CHANGED carries the new quote with its thumbnails). Only the
   fields that hold photos are touched, never text a person typed. */

/** The fields a photo travels in: a photo's `url` and `thumbUrl`, an order line's `thumbUrl`. */
const PHOTO_FIELDS = new Set(['url', 'thumbUrl'])

/** A host and maybe a port, nothing else: a Host header is the client's word. */
const HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/

/** Where this request came from, so photo URLs work in the mini-program, which has no origin.
    Set XIANGJI_PUBLIC_URL in production; X-Forwarded-Host counts only from a trusted proxy. */
export function publicOrigin(request: FastifyRequest, configured?: string): string {
  if (configured) return configured
  if (!HOST.test(request.host)) throw validationFailed({ host: 'must be a host name, maybe with a port' }, 'the Host header is not valid')
  return `${request.protocol}://${request.host}`
}

/** A copy of the answer with each photo path made absolute. The origin is asked for only when
 *  there is a photo to show, so an answer without one does not depend on the Host header. A
 *  URL already absolute (an order answer kept by an older server for its replays) stays as is. */
export function withPhotoOrigin(value: unknown, origin: () => string): unknown {
  if (Array.isArray(value)) return value.map((item) => withPhotoOrigin(item, origin))
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value
  const copy: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    copy[key] = PHOTO_FIELDS.has(key) && typeof field === 'string' && field.startsWith('/') ? origin() + field : withPhotoOrigin(field, origin)
  }
  return copy
}

/** The same for an answer kept as JSON text (an order's, kept for its replays): its photo paths
 *  made absolute in the text, with no parse and no serialising again. JSON.stringify wrote it, so
 *  a photo field reads `"thumbUrl":"/` exactly, and no text a person typed can: its quotes are
 *  escaped. */
export function withPhotoOriginInJson(json: string, origin: () => string): string {
  return json.replace(/"(url|thumbUrl)":"\//g, (_match, field: string) => `"${field}":"${origin()}/`)
}

/** Sends JSON text kept by a service as it is, photo paths made absolute. */
export function sendJsonText(request: FastifyRequest, reply: FastifyReply, status: number, json: string, publicUrl?: string): FastifyReply {
  const body = withPhotoOriginInJson(json, () => publicOrigin(request, publicUrl))
  return reply.status(status).type('application/json; charset=utf-8').send(body)
}

/** For every route of this scope (the API): photo paths become URLs on the way out. */
export function installPhotoUrls(app: FastifyInstance, publicUrl?: string): void {
  app.addHook('preSerialization', async (request, _reply, payload) => {
    let origin: string | undefined
    return withPhotoOrigin(payload, () => (origin ??= publicOrigin(request, publicUrl)))
  })
}
