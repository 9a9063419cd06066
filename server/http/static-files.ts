import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { type PhotoStorage } from '../storage/photo-storage'
import { notFound } from '../services/service-error'
import { precompressFolder } from './precompress'

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

/* Content-hashed names (js/app.1a2b3c4d.js, and their .br/.gz twins) never change what they
   hold: a year, immutable. Everything else, index.html first, is revalidated on each load so a
   new release is picked up, answered 304 by its ETag when nothing changed. */
const CONTENT_HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+(\.br|\.gz)?$/

/* The app's own routes (/pages/me/index) get index.html; a path naming a file (/robots.txt,
   /js/gone.1a2b3c4d.js) that is not there is a 404, never the app page a crawler or a stale
   script tag would misread. */
export function isAppRoute(url: string): boolean {
  const pathname = url.split('?')[0]
  return !/\.[A-Za-z0-9]+$/.test(pathname.slice(pathname.lastIndexOf('/') + 1))
}

export interface H5App {
  /** Settles once every file has its compressed twins; until then a file goes out as it is. */
  compressed: Promise<number>
}

export async function serveH5App(app: FastifyInstance, h5Dir: string): Promise<H5App | null> {
  const index = path.join(h5Dir, 'index.html')
  if (!fs.existsSync(index)) return null
  await app.register(fastifyStatic, {
    root: h5Dir,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // Otherwise send's own `max-age=0` overwrites what setHeaders decides.
    cacheControl: false,
    setHeaders(res, file) {
      res.setHeader('cache-control', CONTENT_HASHED.test(file) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache')
      // A cache in between must keep the brotli, gzip and plain answers apart.
      res.setHeader('vary', 'accept-encoding')
    },
  })
  // In the background: the server answers at once, and only the first seconds after a new build go out uncompressed.
  const compressed = precompressFolder(h5Dir).catch((error) => {
    app.log.warn({ err: error }, `could not compress the H5 app in ${h5Dir}; it is sent uncompressed`)
    return 0
  })
  return { compressed }
}
