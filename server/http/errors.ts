import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDomainError } from '../../src/domain/errors'
import { SealedCodeUnreadable } from '../services/pickups/pickup-codes'
import { ServiceError, type ServiceErrorCode } from '../services/service-error'
import { databaseOutage } from '../db/outage'

/* Every error leaves the server in the shape of API.md:
   { error: { code, message, details? } }, with a stable machine code. No request, however
   malformed, gets a 500 or a stack trace: anything unforeseen is logged and answered as
   INTERNAL without detail. A database that is away (restarting, busy) is not our bug and passes:
   503 DATABASE_UNAVAILABLE with Retry-After. */

/** Every code the API answers: those a service refuses with, and those only the edge knows
    (the transport, the database, our own bugs). */
export type ErrorCode =
  | ServiceErrorCode
  | 'PICKUP_CODE_UNAVAILABLE'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL'

/** The one place a code meets its HTTP status. A code has one status, wherever it is raised. */
export const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  // The thing asked about changed or is not there to take: look again, then decide.
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  UNDO_REFUSED: 409,
  // An account is deleted only once nothing is under way with it (src/domain/account-deletion.ts).
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
  // Not a conflict: the same key with another body is the client's mistake, never worth a retry.
  IDEMPOTENCY_KEY_REUSED: 422,
  // WeChat's content check found the text or photo risky: change it; asking again will not help.
  CONTENT_RISKY: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 503,
  PICKUP_CODE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
}

/** A refusal as the API answers it. */
export interface Refusal {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** What a coded error means to the caller, or null for an error nobody foresaw. */
export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof ServiceError) return { code: error.code, message: error.message, details: error.details }
  if (isDomainError(error)) {
    // A status write the machine's table does not allow: the thing changed under the caller.
    if (error.code === 'state_machine.transition_refused') return { code: 'INVALID_TRANSITION', message: error.message, details: { ...error.details } }
    // The domain refuses input it cannot price or count (a fractional quantity, too many lines).
    return { code: 'VALIDATION_FAILED', message: error.message, details: { reason: error.code, ...error.details } }
  }
  if (error instanceof SealedCodeUnreadable) {
    return { code: 'PICKUP_CODE_UNAVAILABLE', message: 'this server cannot show the pickup code right now; please try again shortly' }
  }
  return null
}

interface AjvIssue {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Names each bad field: `{ "title": "must NOT have fewer than 1 characters", "foo": "unknown field" }`. */
export function describeValidation(issues: AjvIssue[], context?: string): Record<string, string> {
  const details: Record<string, string> = {}
  for (const issue of issues) {
    let field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
    let message = issue.message ?? 'is not valid'
    if (issue.keyword === 'required') field = join(field, String(issue.params.missingProperty))
    if (issue.keyword === 'required') message = 'is required'
    if (issue.keyword === 'additionalProperties') {
      field = join(field, String(issue.params.additionalProperty))
      message = 'unknown field'
    }
    details[field || context || 'body'] ??= message
  }
  return details
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b)

/** The one error body of the API, for the error handler and for answers written before Fastify
    has a request (http/transport.ts). */
export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } }
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: Record<string, unknown>) {
  return reply.status(status).send(errorBody(code, message, details))
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  406: 'VALIDATION_FAILED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

/** Fastify's own 4xx (malformed JSON, wrong content type, body too large, a path that is no
 *  UTF-8) keep their message: it says what was wrong without revealing anything of ours. */
export function sendFastifyRefusal(reply: FastifyReply, error: FastifyError) {
  const status = error.statusCode ?? 400
  return send(reply, status in statusCodes ? status : 400, statusCodes[status] ?? 'VALIDATION_FAILED', error.message)
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const refusal = refusalOf(error)
    if (refusal) {
      // A process started with a secret of its own: an operator's mistake, never the buyer's.
      if (error instanceof SealedCodeUnreadable) request.log.error({ err: error }, 'pickup code unreadable')
      return send(reply, statusOf[refusal.code], refusal.code, refusal.message, refusal.details)
    }
    if (error.validation) {
      const details = describeValidation(error.validation as AjvIssue[], error.validationContext)
      return send(reply, statusOf.VALIDATION_FAILED, 'VALIDATION_FAILED', `the ${error.validationContext ?? 'request'} is not valid`, details)
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendFastifyRefusal(reply, error)
    const outage = databaseOutage(error)
    if (outage) {
      // One line per request, without the stack: an outage under load would bury the log.
      request.log.warn({ reason: outage.reason }, 'database unavailable')
      reply.header('retry-after', String(outage.retryAfterSeconds))
      return send(reply, statusOf.DATABASE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'the database is not answering; please try again in a moment', { retryAfterSeconds: outage.retryAfterSeconds })
    }
    request.log.error({ err: error }, 'unhandled error')
    return send(reply, statusOf.INTERNAL, 'INTERNAL', 'something went wrong on our side; please try again')
  })
}
