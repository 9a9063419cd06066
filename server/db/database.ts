import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { Pool } from 'pg'
import type { DB } from './schema'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  dialect: DialectName
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

function openPostgres(url: string, options: OpenOptions): Database {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
