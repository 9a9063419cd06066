import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { precompressFolder } from '../../server/http/precompress'
import { createTestApp, DATABASES, type TestApp } from './support/test-app'

/* The built H5 app as the server sends it: compressed as the browser accepts, hashed bundles
   cached for a year, index.html revalidated, app routes answered with index.html and a file
   that is not there with a 404, robots.txt as itself. A folder laid out as a build is. */

const BUNDLE = 'js/app.1a2b3c4d.js'
const bundleText = (version: string) => Array.from({ length: 800 }, (_, i) => `export const line${i} = '${version} ${i}';`).join('\n')
const INDEX = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>乡集</title></head><body>${'<div></div>'.repeat(200)}<script src="/${BUNDLE}"></script></body></html>`
const ROBOTS = 'User-agent: *\nDisallow: /api/\n'

describe.each(DATABASES)("the H5 app's files (%s)", (dialect) => {
  let h5Dir: string
  let t: TestApp

  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-h5-'))
    fs.mkdirSync(path.join(h5Dir, 'js'))
    fs.writeFileSync(path.join(h5Dir, BUNDLE), bundleText('v1'))
    fs.writeFileSync(path.join(h5Dir, 'index.html'), INDEX)
    fs.writeFileSync(path.join(h5Dir, 'robots.txt'), ROBOTS)
    t = await createTestApp(dialect, { seed: false, config: { h5Dir } })
    expect(await t.app.h5App!.compressed).toBe(2)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(h5Dir, { recursive: true, force: true })
  })

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

  it('sends a hashed bundle brotli-compressed to a browser that takes it, gzip to one that takes only that, plain to the rest', async () => {
    const brotli = await get('/' + BUNDLE, { 'accept-encoding': 'gzip, deflate, br' })
    expect(brotli.statusCode).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['content-type']).toMatch(/javascript/)
    expect(brotli.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(bundleText('v1'))
    expect(brotli.rawPayload.length).toBeLessThan(bundleText('v1').length / 5)

    const gzip = await get('/' + BUNDLE, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(bundleText('v1'))

    const plain = await get('/' + BUNDLE)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(bundleText('v1'))
  })

  it('caches hashed bundles for a year and makes index.html revalidate, answering 304 when it has not changed', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const bundle = await get('/' + BUNDLE, { 'accept-encoding': encoding })
      expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    }
    const index = await get('/', { 'accept-encoding': 'br' })
    expect(index.statusCode).toBe(200)
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(index.rawPayload).toString()).toBe(INDEX)

    const byTag = await get('/', { 'accept-encoding': 'br', 'if-none-match': String(index.headers.etag) })
    expect(byTag.statusCode).toBe(304)
    expect(byTag.rawPayload.length).toBe(0)
    const byDate = await get('/index.html', { 'if-modified-since': String((await get('/index.html')).headers['last-modified']) })
    expect(byDate.statusCode).toBe(304)
  })

  it("answers the app's own routes with index.html, and a missing file or API path with a 404, never the app page", async () => {
    const page = await get('/pages/listing/index?id=lst_1')
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(page.body).toBe(INDEX)

    for (const url of ['/js/gone.9f8e7d6c.js', '/favicon.ico', '/api/v1/nothing-here']) {
      const missing = await get(url)
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('NOT_FOUND')
    }
  })

  it('serves robots.txt as the file it is', async () => {
    const robots = await get('/robots.txt', { 'accept-encoding': 'br' })
    expect(robots.statusCode).toBe(200)
    expect(robots.headers['content-type']).toMatch(/^text\/plain/)
    expect(robots.body).toBe(ROBOTS)
  })
})

describe('compressing once', () => {
  it('makes twins only for files without fresh ones, and again for a file rebuilt over the old one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-h5-'))
    try {
      fs.writeFileSync(path.join(dir, 'app.js'), bundleText('v1'))
      fs.writeFileSync(path.join(dir, 'tiny.js'), 'export {}')
      fs.writeFileSync(path.join(dir, 'photo.png'), Buffer.alloc(4096))
      expect(await precompressFolder(dir)).toBe(1)
      expect(fs.readdirSync(dir).sort()).toEqual(['app.js', 'app.js.br', 'app.js.gz', 'photo.png', 'tiny.js'])
      expect(await precompressFolder(dir)).toBe(0)

      fs.writeFileSync(path.join(dir, 'app.js'), bundleText('v2'))
      const later = new Date(Date.now() + 5_000)
      fs.utimesSync(path.join(dir, 'app.js'), later, later)
      expect(await precompressFolder(dir)).toBe(1)
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'app.js.br'))).toString()).toBe(bundleText('v2'))
      expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'app.js.gz'))).toString()).toBe(bundleText('v2'))
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
