import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely'
import type { DB } from './schema'

/* How N server processes share the jobs (order-jobs.ts) without doing one unit of work twice:
   each process claims the units it will do in one UPDATE whose subquery picks the due rows,
   and the claim marks them taken until the lease runs out. On PostgreSQL the subquery takes
   them FOR UPDATE SKIP LOCKED, so two processes claiming at the same moment take different
   rows instead of waiting for each other; on SQLite the statement runs alone (one writer), so
   the second process finds the rows taken. A process that dies mid-work leaves its claim to run
   out; the unit is then done by another, so a WeChat call may be repeated after a crash, never
   while its first process is alive. */

/** Long enough for a round's batch of slow WeChat calls (5–10 s each), short enough that work a
 *  dead process claimed is picked up within minutes. */
export const CLAIM_LEASE_MS = 10 * 60_000

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

/** Rows another process is claiming right now are skipped, not waited for (PostgreSQL). */
export function skippingLocked<Q extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, query: Q): Q {
  return (isPostgres(db) ? query.forUpdate().skipLocked() : query) as Q
}

/** The tables whose rows carry a claimed_until (migration 012). */
export type ClaimTable = 'orders' | 'payments' | 'refunds' | 'payouts'

/** Claims up to `limit` rows of `table` that `due` picks and no live claim holds; their ids. */
export async function claimDue<T extends ClaimTable>(
  db: Kysely<DB>,
  table: T,
  now: Date,
  limit: number,
  due: (query: SelectQueryBuilder<DB, T, object>) => SelectQueryBuilder<DB, T, object>,
): Promise<string[]> {
  const at = now.toISOString()
  const until = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()
  // Kysely cannot type a query over "one of these tables"; each caller's `due` is typed for its own.
  const loose = db as unknown as Kysely<any>
  const picked = skippingLocked(
    loose,
    (due(db.selectFrom(table) as never) as unknown as SelectQueryBuilder<any, any, object>)
      .select('id')
      .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', at)]))
      .limit(limit),
  )
  const rows = await loose.updateTable(table).set({ claimedUntil: until }).where('id', 'in', picked).returning('id').execute()
  return rows.map((row) => row.id as string)
}

/** The work on these rows is done (or given up for this round): another process may take them. */
export async function releaseClaims(db: Kysely<DB>, table: ClaimTable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await (db as unknown as Kysely<any>).updateTable(table).set({ claimedUntil: null }).where('id', 'in', [...ids]).execute()
}

/** Claims and does the work, freeing the claims afterwards even when the work fails. */
export async function withClaims<T extends ClaimTable, R>(
  db: Kysely<DB>,
  table: T,
  now: Date,
  limit: number,
  due: (query: SelectQueryBuilder<DB, T, object>) => SelectQueryBuilder<DB, T, object>,
  work: (ids: string[]) => Promise<R>,
): Promise<R> {
  const ids = await claimDue(db, table, now, limit, due)
  try {
    return await work(ids)
  } finally {
    await releaseClaims(db, table, ids)
  }
}
