import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDomainError } from '../../src/domain/errors'
import { SealedCodeUnreadable } from '../services/pickups/pickup-codes'
import { databaseOutage } from '../db/outage'

/* Every error leaves the server in the shape of API.md:
   { error: { code, message, details? } }, with a stable machine code. No request, however
   malformed, gets a 500 or a stack trace: anything unforeseen is logged and answered as
   INTERNAL without detail. A database that is away (restarting, busy) is not our bug and passes:
   503 DATABASE_UNAVAILABLE with Retry-After. */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'UNDO_REFUSED'
  | 'OUT_OF_STOCK'
  | 'LISTING_UNAVAILABLE'
  | 'PRICE_CHANGED'
  | 'NOT_READY'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYMENT_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'PICKUP_CODE_UNAVAILABLE'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL'

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'NOT_FOUND', `${what} not found`)
export const unauthenticated = (message = 'sign in first') => new AppError(401, 'UNAUTHENTICATED', message)
export const forbidden = (message = 'not allowed for your role') => new AppError(403, 'FORBIDDEN', message)
export const validationFailed = (details: Record<string, string>, message = 'the request is not valid') =>
  new AppError(400, 'VALIDATION_FAILED', message, details)

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

const statusCodes: Record<number, string> = {
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
  app.setErrorHandler((error: FastifyError & Partial<AppError>, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return send(reply, error.status, error.code, error.message, error.details)
    // The domain refuses input it cannot price or count (a fractional quantity, too many lines).
    // A status write the machine's table does not allow: the thing changed under the caller.
    if (isDomainError(error) && error.code === 'state_machine.transition_refused') return send(reply, 409, 'INVALID_TRANSITION', error.message, { ...error.details })
    if (isDomainError(error)) return send(reply, 400, 'VALIDATION_FAILED', error.message, { reason: error.code, ...error.details })
    if (error instanceof SealedCodeUnreadable) {
      // A process started with a secret of its own: an operator's mistake, never the buyer's.
      request.log.error({ err: error }, 'pickup code unreadable')
      return send(reply, 503, 'PICKUP_CODE_UNAVAILABLE', 'this server cannot show the pickup code right now; please try again shortly')
    }
    if (error.validation) {
      const details = describeValidation(error.validation as AjvIssue[], error.validationContext)
      return send(reply, 400, 'VALIDATION_FAILED', `the ${error.validationContext ?? 'request'} is not valid`, details)
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendFastifyRefusal(reply, error)
    const outage = databaseOutage(error)
    if (outage) {
      // One line per request, without the stack: an outage under load would bury the log.
      request.log.warn({ reason: outage.reason }, 'database unavailable')
      reply.header('retry-after', String(outage.retryAfterSeconds))
      return send(reply, 503, 'DATABASE_UNAVAILABLE', 'the database is not answering; please try again in a moment', { retryAfterSeconds: outage.retryAfterSeconds })
    }
    request.log.error({ err: error }, 'unhandled error')
    return send(reply, 500, 'INTERNAL', 'something went wrong on our side; please try again')
  })
}
