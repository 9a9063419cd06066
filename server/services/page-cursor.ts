import { validationFailed } from './service-error'
import { ID_PATTERN } from '../ids'

/* Lists (the catalog, a farmer's listings, the review queue, a buyer's orders) are paged by an
   opaque cursor that names the last item seen (createdAt, id), so an item added while someone
   scrolls neither repeats nor skips one. The cursor comes back from the client, so it is read
   as exactly what the server gave out, a UTC instant and an id, and anything else is a 400
   before it reaches SQL: a NUL in it was a 500 on PostgreSQL, and a stray value compared as
   text paged silently wrong. */

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PageCursor {
  createdAt: string
  id: string
  /** Only in lists that put sold-out listings last: which of the two runs the item was in. */
  soldOut?: boolean
}

// Our instants are written by Date.toISOString(), and only that form orders correctly as text.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && new Date(value).toISOString() === value

export function encodeCursor({ createdAt, id, soldOut }: PageCursor): string {
  return Buffer.from(JSON.stringify(soldOut === undefined ? [createdAt, id] : [createdAt, id, soldOut])).toString('base64url')
}

export function decodeCursor(raw: string): PageCursor {
  let content: unknown
  try {
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'base64url')))
  } catch {
    content = null
  }
  if (Array.isArray(content) && (content.length === 2 || content.length === 3)) {
    const [createdAt, id, soldOut] = content
    const run = content.length === 3 ? (typeof soldOut === 'boolean' ? { soldOut } : null) : {}
    if (isInstant(createdAt) && typeof id === 'string' && ID_PATTERN.test(id) && run) return { createdAt, id, ...run }
  }
  throw validationFailed({ cursor: 'is not a cursor this server gave out' })
}
