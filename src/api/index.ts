export * as api from './client'
export { ApiError, toApiError } from './api-error'
export { setBearerToken, handleUnauthorized } from './request'
export type * from './types'
