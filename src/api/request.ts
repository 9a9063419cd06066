import { ApiError } from './api-error'
import { type HttpAnswer, send } from './http'
import type { ErrorBody } from './types'

/* The one door to the server: base URL, bearer token, JSON, and the contract's error shape. */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
type Query = Record<string, string | number | undefined | null>

// Weak 3G in the villages: wait long enough for a slow answer, not forever.
const TIMEOUT_MS = 20_000

let bearerToken: string | null = null
let onUnauthorized: (() => void) | null = null

/** The session decides the token; the API layer only carries it. */
export function setBearerToken(token: string | null): void {
  bearerToken = token
}

/** For the calls that cannot go through `request` (Taro.uploadFile). */
export function currentBearerToken(): string | null {
  return bearerToken
}

/** Called when the server refuses the token (expired or revoked), so the session can forget it. */
export function handleUnauthorized(listener: (() => void) | null): void {
  onUnauthorized = listener
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return pairs.length ? `${path}?${pairs.join('&')}` : path
}

export function isErrorBody(data: unknown): data is ErrorBody {
  const error = (data as ErrorBody | null)?.error
  return typeof error === 'object' && error !== null && typeof error.code === 'string'
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Extra headers a call needs, such as POST /orders' Idempotency-Key. */
  headers?: Record<string, string>
  /** The answer as text, for the reports served as CSV; errors still come as the contract's JSON. */
  text?: boolean
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  // wx.request sends a JSON content type even without a body, and the server refuses an empty
  // JSON body: so a POST always carries at least {}.
  const body = options.body ?? (method === 'GET' ? undefined : {})
  const header: Record<string, string> = { ...options.headers, Accept: options.text ? 'text/csv, application/json' : 'application/json' }
  if (body !== undefined) header['Content-Type'] = 'application/json'
  const tokenSent = bearerToken
  if (tokenSent) header.Authorization = `Bearer ${tokenSent}`

  let response: HttpAnswer
  try {
    response = await send({ url: API_BASE_URL + withQuery(path, options.query), method, header, body, text: options.text === true, timeoutMs: TIMEOUT_MS })
  } catch (error) {
    const message = (error as { errMsg?: string })?.errMsg ?? String(error)
    throw new ApiError(0, 'NETWORK', message)
  }

  const { statusCode, data } = response
  if (statusCode >= 200 && statusCode < 300) return (statusCode === 204 ? undefined : data) as T

  throw failure(statusCode, options.text ? parsedJson(data) : data, tokenSent)
}

/** An error body that arrived as text because the call asked for text. */
function parsedJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

/** The contract's error from a non-2xx answer; a refused token also signs the session out. */
export function failure(statusCode: number, data: unknown, tokenSent: string | null): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(statusCode, data.error.code, data.error.message, data.error.details)
    : new ApiError(statusCode, statusCode >= 500 ? 'SERVER' : 'HTTP_' + statusCode, `HTTP ${statusCode}`)
  // Only the token we sent can have been refused; a newer sign-in must survive a stale answer.
  if (statusCode === 401 && tokenSent && tokenSent === bearerToken) onUnauthorized?.()
  return error
}
