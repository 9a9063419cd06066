import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { type PhotoStorage } from '../storage/photo-storage'
import { notFound } from '../services/service-error'

/* One URL for the whole product: the API under /api/v1, photos under /photos, and the built
   H5 app everywhere else (with index.html for the app's own routes). */

const YEAR_SECONDS = 365 * 24 * 3600

export async function servePhotos(app: FastifyInstance, storage: PhotoStorage): Promise<void> {
  app.get<{ Params: { key: string } }>('/photos/:key', { schema: { hide: true } }, async (request, reply) => {
    const bytes = await storage.get(request.params.key)
    if (!bytes) throw notFound('photo')
    // Keys derive from the content, so a photo at a URL never changes: cache it for a year.
    return reply
      .header('cache-control', `public, max-age=${YEAR_SECONDS}, immutable`)
      .header('x-content-type-options', 'nosniff')
      .type('image/jpeg')
      .send(bytes)
  })
}

export async function serveH5App(app: FastifyInstance, h5Dir: string): Promise<boolean> {
  const index = path.join(h5Dir, 'index.html')
  if (!fs.existsSync(index)) return false
  await app.register(fastifyStatic, {
    root: h5Dir,
    wildcard: false,
    index: ['index.html'],
    setHeaders(res, file) {
      // Hashed bundles are immutable; index.html must be re-read to pick up a new release.
      const immutable = /\.[0-9a-f]{8,}\.(js|css)$/.test(file)
      res.setHeader('cache-control', immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache')
    },
  })
  return true
}
