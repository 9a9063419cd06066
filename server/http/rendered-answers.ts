import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CatalogVersion } from '../services/listings/catalog-version'
import { withPhotoOrigin } from './photo-urls'

/* The catalog and listing answers every buyer fetches, kept rendered: the JSON bytes with their
   photo URLs and an ETag, keyed by what the answer depends on (the route, its query, the origin
   photo URLs are made with). All of them are dropped when the catalog's version moves, so a
   change made through any process is answered everywhere within the version's recheck time.
   A client that sends the ETag back gets 304 and no body. */

export interface RenderedAnswer {
  /** Encoded once, so no request pays for turning the text into UTF-8 again. */
  body: Buffer
  etag: string
}

/** Enough distinct pages (filters × cursors × origins) for a county; beyond it the oldest goes. */
const MAX_ANSWERS = 2000

export interface RenderedAnswers {
  /** The kept answer for `key`, else `render()`'s, kept when it succeeded and the version did
   *  not move meanwhile. */
  get(key: string, render: () => Promise<unknown>, reply: FastifyReply, origin: () => string): Promise<RenderedAnswer>
}

export function createRenderedAnswers(version: CatalogVersion): RenderedAnswers {
  let seen = -1
  const answers = new Map<string, RenderedAnswer>()
  // When orders flow, the version moves every recheck and the requests of that moment would all
  // render the same page at once: they wait for one rendering instead (of this version only, so
  // none is answered from before a change it already saw).
  const rendering = new Map<string, Promise<RenderedAnswer>>()

  return {
    async get(key, render, reply, origin) {
      const now = await version.current()
      if (now !== seen) {
        answers.clear()
        seen = now
      }
      const kept = answers.get(key)
      if (kept) return kept
      const renderingKey = `${now} ${key}`
      const pending = rendering.get(renderingKey)
      if (pending) return pending
      const answer = (async () => {
        const value = await render()
        const rendered = renderAnswer(reply, value, origin)
        if (seen === now) {
          if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!)
          answers.set(key, rendered)
        }
        return rendered
      })().finally(() => rendering.delete(renderingKey))
      rendering.set(renderingKey, answer)
      return answer
    },
  }
}

/** The answer's bytes as its route's response schema serialises them, photo URLs made absolute. */
export function renderAnswer(reply: FastifyReply, value: unknown, origin: () => string): RenderedAnswer {
  const body = Buffer.from(reply.serialize(withPhotoOrigin(value, origin)) as string)
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` }
}

/** The key part naming the origin photo URLs are made with (validated only when a photo needs it). */
export function originKey(request: FastifyRequest, publicUrl?: string): string {
  return publicUrl ?? `${request.protocol}://${request.host}`
}

/** 304 when the client holds this very answer, else the answer. */
export function sendRendered(request: FastifyRequest, reply: FastifyReply, answer: RenderedAnswer): FastifyReply {
  reply.header('etag', answer.etag).header('cache-control', 'private, no-cache')
  const held = request.headers['if-none-match']
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === answer.etag || tag.trim() === '*')) return reply.code(304).send()
  return reply.header('content-type', 'application/json; charset=utf-8').send(answer.body)
}
