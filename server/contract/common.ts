import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { ID_PATTERN } from '../ids'

/* The shapes of API.md as JSON Schema, shared by both sides: the server's routes validate
   requests, serialize responses and generate /api/v1/openapi.json from them, its services
   return their Static<> types, and the app (src/api) re-exports those types with `export type`
   only, so the app never bundles TypeBox. Pure TypeBox: nothing of Fastify, no I/O. Request
   objects refuse unknown fields. */

/** Marks a body schema that may also be absent: an action with nothing to say (approve). */
export const OPTIONAL_BODY = 'x-optional-body'

/** Marks a string typed in a text area (a description, a reason): line breaks and tabs allowed. */
export const MULTILINE_TEXT = 'x-multiline'

/** One of a domain's values (a status, a unit): Static<> is the domain's own union. */
export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))

/** A field the API documents as a plain string (so /openapi.json and serialization stay as they
 *  were) whose values are the domain's union: the type says which, the schema stays a string. */
export const stringOf = <T extends string>() => Type.Unsafe<T>(Type.String())

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: ID_PATTERN.source })

export const Strict = { additionalProperties: false } as const

/** No fields: the body may be absent or `{}`, and anything in it is refused. */
export const NoBody = Type.Object({}, { ...Strict, [OPTIONAL_BODY]: true })

export const Named = Type.Object({ id: Type.String(), name: Type.String() })
export type Named = Static<typeof Named>

export const Photo = Type.Object({
  id: Type.String(),
  url: Type.String(),
  thumbUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
})
export type Photo = Static<typeof Photo>

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
}

/** Every list of API.md: `?limit=&cursor=` → `{items, nextCursor}`. */
export type Page<T> = { items: T[]; nextCursor: string | null }

/** `?limit=&cursor=` as API.md pages lists: limit ≤ 100. */
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  // base64url, as the server gives it out (services/page-cursor.ts reads what is inside).
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' })),
}
