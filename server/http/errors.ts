import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDomainError } from '../../src/domain/errors'

/* Every error leaves the server in the shape of API.md:
   { error: { code, message, details? } }, with a stable machine code. No request, however
   malformed, gets a 500 or a stack trace: anything unforeseen is logged and answered as
   INTERNAL without detail. */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
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
  | 'REQUEST_TIMEOUT'
  | 'HEADERS_TOO_LARGE'
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

function send(reply: FastifyReply, status: number, code: string, message: string, details?: Record<string, unknown>) {
  return reply.status(status).send({ error: details ? { code, message, details } : { code, message } })
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
function sendFastifyRefusal(reply: FastifyReply, error: FastifyError) {
  const status = error.statusCode ?? 400
  return send(reply, status in statusCodes ? status : 400, statusCodes[status] ?? 'VALIDATION_FAILED', error.message)
}

/** The router refuses a path that is no UTF-8 (%ED%A0%80, half a surrogate) or a path parameter
 *  too long before any route, so before the error handler: passed to Fastify as `frameworkErrors`. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  sendFastifyRefusal(reply, error)
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & Partial<AppError>, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return send(reply, error.status, error.code, error.message, error.details)
    // The domain refuses input it cannot price or count (a fractional quantity, too many lines).
    if (isDomainError(error)) return send(reply, 400, 'VALIDATION_FAILED', error.message, { reason: error.code, ...error.details })
    if (error.validation) {
      const details = describeValidation(error.validation as AjvIssue[], error.validationContext)
      return send(reply, 400, 'VALIDATION_FAILED', `the ${error.validationContext ?? 'request'} is not valid`, details)
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendFastifyRefusal(reply, error)
    request.log.error({ err: error }, 'unhandled error')
    return send(reply, 500, 'INTERNAL', 'something went wrong on our side; please try again')
  })
}

/** Node's HTTP parser refuses a request before Fastify sees it (a control character in the path
 *  or a header, a header section too large, a client too slow): the answer still has our shape,
 *  where Fastify's default has its own. Passed to Fastify as `clientErrorHandler`. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, reason, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are too large']
        : [400, 'Bad Request', 'VALIDATION_FAILED', 'the request line or a header is not valid HTTP (a control character, for one)']
  const body = JSON.stringify({ error: { code, message } })
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}
