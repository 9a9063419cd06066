import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { bearer, createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* What happens before a request reaches a route, on SQLite and PostgreSQL: requests Node or the
   router refuse still answer in the API's error shape; X-Forwarded-* are believed only from a
   configured proxy; and a connection that trickles its request is closed, not kept for minutes. */

interface RawAnswer {
  status: number
  headers: string
  body: string
  /** When the server closed the connection, in ms after the first byte was sent. */
  closedAfterMs: number
}

/** Sends `chunks` over one TCP connection, `gapMs` apart, and reads until the server closes. */
function raw(port: number, chunks: string[], gapMs = 0, giveUpMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const started = Date.now()
    let text = ''
    let timer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(timer)
      const [head, ...rest] = text.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: rest.join('\r\n\r\n'), closedAfterMs: Date.now() - started })
    }
    socket.on('data', (data) => (text += data.toString('utf8')))
    socket.on('close', finish)
    socket.on('error', () => {})
    const give = setTimeout(() => socket.destroy(), giveUpMs)
    give.unref()
    let i = 0
    const next = () => {
      if (i >= chunks.length || socket.destroyed) return
      socket.write(chunks[i++])
      if (i < chunks.length) timer = setTimeout(next, gapMs)
    }
    socket.on('connect', next)
  })
}

const errorShape = (body: string) => JSON.parse(body.slice(body.indexOf('{')))

describe.each(DATABASES)('the HTTP edge on %s', (dialect) => {
  let t: TestApp
  let port: number

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      logLevel: 'info',
      config: { timeouts: { headersMs: 1_000, requestMs: 1_500, idleMs: 800, keepAliveMs: 500 } },
    })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterAll(() => t?.close())

  const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`

  describe('answers what never became a request in the error shape', () => {
    it.each([
      ['a path part over 100 characters', get(`/api/v1/listings/${'x'.repeat(150)}`), 414, 'URI_TOO_LONG'],
      ['bad percent-encoding', get('/api/v1/listings/%E0%A4%A'), 400, 'VALIDATION_FAILED'],
      ['both Transfer-Encoding and Content-Length', 'POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'VALIDATION_FAILED'],
      ['headers over 16 KB', `GET /api/v1/listings HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
      ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, 'VALIDATION_FAILED'],
    ])('%s', async (_name, request, status, code) => {
      const answer = await raw(port, [request])
      expect(answer.status).toBe(status)
      expect(answer.headers).toMatch(/content-type: application\/json/i)
      expect(errorShape(answer.body)).toEqual({ error: { code, message: expect.any(String) } })
    })

    it('still serves a well-formed request afterwards', async () => {
      const answer = await raw(port, [get('/api/v1/listings?limit=1')])
      expect(answer.status).toBe(200)
    })
  })

  describe('closes connections that trickle', () => {
    it('a body sent 10 bytes at a time, slower than the request deadline: 408 in the error shape, closed by the deadline', async () => {
      // Signed in: a stranger is refused on the headers, before any body is read.
      const token = await signInAs(t.app, 'buyer-chenxiao')
      const head = `POST /api/v1/orders/quote HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`
      // Each gap is shorter than the idle timeout: only the request deadline can end this.
      const answers = await Promise.all(Array.from({ length: 5 }, () => raw(port, [head, ...Array.from({ length: 60 }, () => '          ')], 300)))
      for (const answer of answers) {
        expect(answer.status).toBe(408)
        expect(errorShape(answer.body).error.code).toBe('REQUEST_TIMEOUT')
        // 1.5 s deadline, checked every second.
        expect(answer.closedAfterMs).toBeLessThan(4_000)
      }
    })

    it('headers sent a byte at a time: 408 by the headers deadline', async () => {
      const head = 'GET /api/v1/listings HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(40)
      const answer = await raw(port, head.split(''), 300)
      expect(answer.status).toBe(408)
      expect(answer.closedAfterMs).toBeLessThan(4_000)
    })

    it('a connection that goes quiet mid-request is closed after the idle timeout', async () => {
      const token = await signInAs(t.app, 'buyer-chenxiao')
      const answer = await raw(port, [`POST /api/v1/orders/quote HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Length: 50\r\n\r\n{"li`])
      expect(answer.closedAfterMs).toBeLessThan(3_000)
    })
  })

  describe('believes X-Forwarded-* only from a configured proxy', () => {
    const spoofed = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.66' }

    it('builds photo URLs from the Host the request came to, not X-Forwarded-Host', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=1', headers: { host: 'xiangji.test:3000', ...spoofed } })
      const url: string = response.json().items[0].photos[0].url
      expect(new URL(url).origin).toBe('http://xiangji.test:3000')
    })

    it('logs the connection’s address as the client, not X-Forwarded-For', async () => {
      t.logLines.length = 0
      await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=1', headers: spoofed })
      const logged = t.logLines.join('\n')
      expect(logged).toContain('127.0.0.1')
      expect(logged).not.toContain('203.0.113.66')
    })

    it('refuses a Host header that is not a host', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/listings?limit=1', headers: { host: 'evil.example/x?' } })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { host: expect.any(String) } })
    })

    it('behind a configured proxy, takes its X-Forwarded-Host; with XIANGJI_PUBLIC_URL, always that', async () => {
      const proxied = await t.anotherServer({ trustProxy: ['127.0.0.1'] })
      const viaProxy = await proxied.inject({ method: 'GET', url: '/api/v1/listings?limit=1', headers: { 'x-forwarded-host': 'shop.example.cn', 'x-forwarded-proto': 'https' } })
      expect(new URL(viaProxy.json().items[0].photos[0].url).origin).toBe('https://shop.example.cn')
      const pinned = await t.anotherServer({ publicUrl: 'https://cdn.xiangji.example' })
      const token = await signInAs(t.app, 'wang-jianguo')
      const mine = await pinned.inject({ method: 'GET', url: '/api/v1/my/listings', headers: { ...bearer(token), ...spoofed, host: 'other.example' } })
      expect(mine.statusCode).toBe(200)
      for (const item of mine.json().items) for (const photo of item.photos) expect(photo.url.startsWith('https://cdn.xiangji.example/photos/')).toBe(true)
    })
  })
})
