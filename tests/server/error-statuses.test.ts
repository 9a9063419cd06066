import Fastify from 'fastify'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DomainError } from '../../src/domain/errors'
import { type ErrorCode, installErrorHandler, refusalOf, statusOf } from '../../server/http/errors'
import { SealedCodeUnreadable } from '../../server/services/pickups/pickup-codes'
import { forbidden, notFound, ServiceError, type ServiceErrorCode, unauthenticated, validationFailed } from '../../server/services/service-error'

/* One table maps every error code to its HTTP status (server/http/errors.ts statusOf); services
   name only the code. The statuses are API.md's promise: pinned here, code by code. */

const promised: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  UNDO_REFUSED: 409,
  ACCOUNT_HAS_OPEN_ORDERS: 409,
  ACCOUNT_HAS_BALANCE: 409,
  REFUND_TOO_LARGE: 409,
  OUT_OF_STOCK: 409,
  LISTING_UNAVAILABLE: 409,
  PRICE_CHANGED: 409,
  NOT_READY: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYMENT_UNAVAILABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  CONTENT_RISKY: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 503,
  PICKUP_CODE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
}

describe('statusOf: one status per error code', () => {
  it('gives every code the status API.md promises, and knows no other code', () => {
    expect(statusOf).toEqual(promised)
  })

  it('knows every code a service refuses with', () => {
    const servicesDir = path.join(__dirname, '..', '..', 'server', 'services')
    const sources = readdirSync(servicesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const used = new Set(sources.flatMap((file) => [...readFileSync(path.join(servicesDir, file), 'utf8').matchAll(/new ServiceError\(\s*'([A-Z_]+)'/g)].map((m) => m[1])))
    expect(used.size).toBeGreaterThan(10)
    for (const code of used) expect([code, statusOf[code as ErrorCode]]).toEqual([code, expect.any(Number)])
  })
})

describe('the error handler answers each kind of refusal from the table', () => {
  const app = Fastify({ logger: false })
  installErrorHandler(app)
  const thrown: Record<string, () => Error> = {
    notFound: () => notFound('order'),
    forbidden: () => forbidden(),
    unauthenticated: () => unauthenticated(),
    validationFailed: () => validationFailed({ cursor: 'is not a cursor this server gave out' }),
    outOfStock: () => new ServiceError('OUT_OF_STOCK', 'only 1 left of 羊肉', { listingId: 'lst_1', available: 1 }),
    keyReused: () => new ServiceError('IDEMPOTENCY_KEY_REUSED', 'used'),
    upstream: () => new ServiceError('UPSTREAM_UNAVAILABLE', 'WeChat is away'),
    transition: () => new DomainError('state_machine.transition_refused', 'no', { machine: 'order', from: 'paid', to: 'paid', reason: 'same' }),
    domainInput: () => new DomainError('order.too_many_lines', 'At most 20', { lines: 21 }),
    sealed: () => new SealedCodeUnreadable(),
  }
  for (const [name, make] of Object.entries(thrown)) {
    app.get(`/${name}`, async () => {
      throw make()
    })
  }
  afterAll(() => app.close())

  const answer = async (name: string) => {
    const response = await app.inject({ method: 'GET', url: `/${name}` })
    return { status: response.statusCode, error: response.json().error }
  }

  it.each<[string, ServiceErrorCode, number]>([
    ['notFound', 'NOT_FOUND', 404],
    ['forbidden', 'FORBIDDEN', 403],
    ['unauthenticated', 'UNAUTHENTICATED', 401],
    ['validationFailed', 'VALIDATION_FAILED', 400],
    ['outOfStock', 'OUT_OF_STOCK', 409],
    ['keyReused', 'IDEMPOTENCY_KEY_REUSED', 422],
    ['upstream', 'UPSTREAM_UNAVAILABLE', 503],
  ])('a ServiceError %s answers %s with %i, its message and details as they were', async (name, code, status) => {
    const error = thrown[name]() as ServiceError
    const { status: got, error: body } = await answer(name)
    expect(got).toBe(status)
    expect(body).toEqual(error.details ? { code, message: error.message, details: error.details } : { code, message: error.message })
  })

  it('a transition the domain refused is 409 INVALID_TRANSITION with its details', async () => {
    expect(await answer('transition')).toEqual({ status: 409, error: { code: 'INVALID_TRANSITION', message: 'no', details: { machine: 'order', from: 'paid', to: 'paid', reason: 'same' } } })
  })

  it('any other DomainError is 400 VALIDATION_FAILED naming the domain code as the reason', async () => {
    expect(await answer('domainInput')).toEqual({ status: 400, error: { code: 'VALIDATION_FAILED', message: 'At most 20', details: { reason: 'order.too_many_lines', lines: 21 } } })
  })

  it('a pickup code sealed under another secret is 503 PICKUP_CODE_UNAVAILABLE', async () => {
    expect(await answer('sealed')).toMatchObject({ status: 503, error: { code: 'PICKUP_CODE_UNAVAILABLE' } })
  })

  it('refusalOf leaves an unforeseen error to the handler’s INTERNAL', () => {
    expect(refusalOf(new Error('boom'))).toBeNull()
    expect(refusalOf(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toBeNull()
  })
})
