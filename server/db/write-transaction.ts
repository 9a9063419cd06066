import { type Kysely, sql } from 'kysely'
import type { DB } from './schema'

/* A transaction that will write, for the use cases where two requests race for the same rows
   (stock, an order's status). On SQLite it starts as a write transaction (BEGIN IMMEDIATE): a
   deferred one that reads first and writes later can fail with SQLITE_BUSY when another process
   wrote in between; an immediate one waits its turn (busy_timeout) and then sees the latest
   rows. On PostgreSQL it is an ordinary read-committed transaction: the conditional updates
   inside it re-check their WHERE after waiting for a row lock. */

export type WriteTx = Kysely<DB>

export async function writeTransaction<T>(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', work: (tx: WriteTx) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(work)
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection)
    try {
      const result = await work(connection)
      await sql`commit`.execute(connection)
      return result
    } catch (error) {
      await sql`rollback`.execute(connection)
      throw error
    }
  })
}
