/** A failed API call, as the contract's error shape or as a network failure (code 'NETWORK'). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details?: Record<string, unknown>

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  /** Worth offering "retry": the request may succeed unchanged on a better connection (a 408 is
      the server closing a request that arrived too slowly, such as a photo on weak 3G). */
  get isTransient(): boolean {
    return this.code === 'NETWORK' || this.status === 408 || this.status === 429 || this.status >= 500
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error))
}
