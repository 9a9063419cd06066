export * as api from './client'
// The order calls are in './order-client', imported directly by the buyer subpackage only.
export { ApiError, toApiError } from './api-error'
export { setBearerToken, handleUnauthorized } from './request'
export type * from './types'
export type * from './order-types'
export type * from './parcel-types'
export type * from './sales-types'
export type * from './case-types'
