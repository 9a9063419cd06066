/* Which errors mean "the database is not there right now" rather than "this request is wrong" or
   "our code is wrong". A PostgreSQL restart, failover or an administrator ending sessions, and a
   SQLite file held by another process past busy_timeout, all pass by themselves: the request is
   answered 503 DATABASE_UNAVAILABLE with Retry-After, so the app offers "try again" instead of
   treating it as our bug (500), and the jobs simply try again next round. */

export interface DatabaseOutage {
  /** What was seen, for the log: a SQLSTATE, a socket error code or pg's own words. */
  reason: string
  /** How long a client should wait before asking again. */
  retryAfterSeconds: number
}

// A restarted PostgreSQL takes a second or two to accept connections again.
const POSTGRES_RETRY_SECONDS = 2
// Another SQLite writer already held the file for the whole busy_timeout: its turn is nearly over.
const SQLITE_RETRY_SECONDS = 1

/** Socket errors on the way to PostgreSQL: it is down, restarting or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED'])

/** SQLSTATEs of a server going or gone away (PostgreSQL manual, appendix A). */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: "terminating connection due to administrator command"
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections: taken while the others reconnect
])
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/ // class 08: connection exception

/** pg's own errors carry no code, only these words (pg/lib/client.js, pg-pool/index.js). */
const PG_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /is not queryable/, // a client whose connection already failed
  /^timeout exceeded when trying to connect/, // every pooled connection busy or hanging
]

export function databaseOutage(error: unknown): DatabaseOutage | null {
  return find(error, 0)
}

function find(error: unknown, depth: number): DatabaseOutage | null {
  if (!error || typeof error !== 'object' || depth > 3) return null
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown }
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY')) return { reason: code, retryAfterSeconds: SQLITE_RETRY_SECONDS }
    if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || CONNECTION_EXCEPTION.test(code)) return { reason: code, retryAfterSeconds: POSTGRES_RETRY_SECONDS }
  }
  if (typeof message === 'string' && PG_MESSAGES.some((words) => words.test(message))) return { reason: message, retryAfterSeconds: POSTGRES_RETRY_SECONDS }
  // Connecting to a name with both an IPv4 and an IPv6 address fails as an AggregateError. A
  // `cause` is not followed: a failed fetch to WeChat carries ECONNREFUSED there too.
  for (const inner of Array.isArray(errors) ? errors : []) {
    const found = find(inner, depth + 1)
    if (found) return found
  }
  return null
}
