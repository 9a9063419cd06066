import { type Static, type TSchema, Type } from '@sinclair/typebox'

/* The one error shape of every failed call, registered by its $id so each route refers to it. */

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'Error' },
)

/** The error body every failed API call carries. */
export type ErrorBody = Static<typeof ErrorResponse>

const errorRef = Type.Ref('Error')
/** The error answers a route may give, all in the one error shape; every route reads the
 *  database, so every route may answer 503 DATABASE_UNAVAILABLE while it is away. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries([...statuses, 503].map((status) => [status, errorRef]))
}
