import { type Kysely, sql } from 'kysely'
import type { DB } from './schema'
import { writeTransaction, type WriteTx } from './write-transaction'

/* On SQLite a commit is a flush to disk (synchronous = FULL), and better-sqlite3 flushes on the
   event loop's own thread: an order committed alone stops the whole process for one flush, and
   that flush was most of an order's cost. Writes that arrive together are committed together
   instead: one write transaction runs each write's work in turn under a savepoint of its own, so
   a refusal rolls back that write only, and one commit makes them all durable at once. Nobody is
   answered before that commit, and when it fails every write of the group fails with it.
   Together is whatever arrived while the previous group ran: nothing waits for company.

   On PostgreSQL each write is a transaction of its own, as writeTransaction makes it: there the
   cost is holding row locks, which a group would hold longer, and PostgreSQL flushes the
   commits that coincide together by itself. */

/** At most this many writes share a commit, so no group holds the write lock for long. */
const MAX_GROUP = 64

interface Waiting {
  work: (tx: WriteTx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Group {
  run<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>
  stats: GroupCommitStats
}

export interface GroupCommitStats {
  /** Commits made (or tried) for groups. */
  commits: number
  /** Writes run in them. */
  writes: number
}

const groups = new WeakMap<Kysely<DB>, Group>()

/** `work` in a write transaction, committed together with the writes that arrived with it. */
export function groupedWriteTransaction<T>(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', work: (tx: WriteTx) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') return writeTransaction(db, dialect, work)
  let group = groups.get(db)
  if (!group) groups.set(db, (group = createGroup(db)))
  return group.run(work)
}

/** How many commits this database's grouped writes took, for tests and benchmarks. */
export function groupCommitStats(db: Kysely<DB>): GroupCommitStats {
  return { ...(groups.get(db)?.stats ?? { commits: 0, writes: 0 }) }
}

function createGroup(db: Kysely<DB>): Group {
  const waiting: Waiting[] = []
  const stats: GroupCommitStats = { commits: 0, writes: 0 }
  let draining = false

  async function drain() {
    try {
      while (waiting.length > 0) await commitTogether(db, waiting.splice(0, MAX_GROUP), stats)
    } finally {
      draining = false
    }
  }

  return {
    stats,
    run<T>(work: (tx: WriteTx) => Promise<T>) {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
        if (draining) return
        draining = true
        // After the requests that arrived with this one have reached here too.
        setImmediate(() => void drain())
      })
    },
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

async function commitTogether(db: Kysely<DB>, group: Waiting[], stats: GroupCommitStats): Promise<void> {
  const outcomes: Outcome[] = []
  stats.commits++
  stats.writes += group.length
  try {
    await db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection)
      try {
        for (const write of group) outcomes.push(await underSavepoint(connection, write.work))
        await sql`commit`.execute(connection)
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {})
        throw error
      }
    })
  } catch (error) {
    // Nothing of the group was committed: each write fails with the reason (an outage's 503).
    for (const write of group) write.reject(error)
    return
  }
  group.forEach((write, i) => {
    const outcome = outcomes[i]
    if (outcome.ok) write.resolve(outcome.value)
    else write.reject(outcome.error)
  })
}

/** One write's work; its failure undoes its own writes only. Should SQLite have ended the whole
 *  transaction meanwhile (a full disk, an I/O error), the rollback to the savepoint fails and the
 *  group fails with it. */
async function underSavepoint(connection: Kysely<DB>, work: (tx: WriteTx) => Promise<unknown>): Promise<Outcome> {
  await sql`savepoint grouped_write`.execute(connection)
  try {
    const value = await work(connection)
    await sql`release grouped_write`.execute(connection)
    return { ok: true, value }
  } catch (error) {
    await sql`rollback to grouped_write`.execute(connection)
    await sql`release grouped_write`.execute(connection)
    return { ok: false, error }
  }
}
