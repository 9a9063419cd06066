import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from 'kysely'
import { Pool } from 'pg'
import type { DB } from './schema'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  dialect: DialectName
  /** Where a lost PostgreSQL connection is reported (the console until the server's log is
   *  ready). The pool drops it and opens another on the next query; nothing else is needed. */
  onConnectionLost(report: (error: Error) => void): void
  close(): Promise<void>
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  pgSchema?: string
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/** A file path or `sqlite:` URL opens SQLite; `postgres://…` opens PostgreSQL. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url)
}

function openSqlite(url: string): Database {
  const file = url.replace(/^sqlite:(\/\/)?/, '')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  // These are people's orders and money: WAL for concurrent readers, FULL so a committed
  // transaction survives a power cut at the village center.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }), plugins: [new CamelCasePlugin()] })
  // A file has no connection to lose; SQLITE_BUSY past busy_timeout is a 503 (db/outage.ts).
  return { db, dialect: 'sqlite', onConnectionLost: () => {}, close: () => db.destroy() }
}

/** Enough for every query the server writes, with room for the lengths of its `in (…)` lists. */
const KEPT_STATEMENTS = 1000

/* Kysely's SQLite driver prepares each query afresh: a tenth of a catalog request's time went to
   compiling SQL it had compiled a moment before. The same text gets the same prepared statement
   (better-sqlite3 runs one at a time on this connection, and nothing here streams a result). */
function withPreparedStatements(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const kept = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = kept.get(query)
      if (!statement) {
        statement = sqlite.prepare(query)
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!)
        kept.set(query, statement)
      }
      return statement
    },
  }
}

// Long enough for a busy server to hand out a pooled connection, short enough that a request
// during an outage is answered 503 in seconds instead of hanging on a host that does not answer.
const CONNECT_TIMEOUT_MS = 5000

/* A PostgreSQL restart, failover or pg_terminate_backend ends every connection, and each pg
   client then emits 'error': an 'error' event nobody listens to ends the Node process. pg-pool
   listens only while a client is idle; a client checked out by Kysely (in a transaction, between
   queries) has no listener, so each client gets one of its own for its whole life. The query
   that was running fails and is answered 503; a client whose connection failed is not queryable
   and pg-pool drops it at release instead of pooling it. */
function openPostgres(url: string, options: OpenOptions): Database {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  })
  let report = (error: Error) => console.warn(`database connection lost: ${error.message}`)
  // A dying connection emits twice ('57P01 terminating…', then 'Connection terminated'): one line.
  const lost = new WeakSet<object>()
  const connectionLost = (error: Error, client: object) => {
    if (lost.has(client)) return
    lost.add(client)
    report(error)
  }
  pool.on('error', connectionLost)
  pool.on('connect', (client) => client.on('error', (error) => connectionLost(error, client)))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
  return { db, dialect: 'postgres', onConnectionLost: (next) => void (report = next), close: () => db.destroy() }
}
