/* How a use case refuses: with a code of the API (shared/API.md's error codes), a message a
   person can read and, when it helps the app, details. Never an HTTP status: which status a
   code travels with is the edge's business, decided once in server/http/errors.ts (statusOf),
   so a service can be called from a job or a script as well as from a route. */

export type ServiceErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'UNDO_REFUSED'
  | 'ACCOUNT_HAS_OPEN_ORDERS'
  | 'ACCOUNT_HAS_BALANCE'
  | 'REFUND_TOO_LARGE'
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
  | 'CONTENT_RISKY'

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

export const notFound = (what = 'resource') => new ServiceError('NOT_FOUND', `${what} not found`)
export const unauthenticated = (message = 'sign in first') => new ServiceError('UNAUTHENTICATED', message)
export const forbidden = (message = 'not allowed for your role') => new ServiceError('FORBIDDEN', message)
export const validationFailed = (details: Record<string, string>, message = 'the request is not valid') =>
  new ServiceError('VALIDATION_FAILED', message, details)
