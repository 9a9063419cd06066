import type { Kysely } from 'kysely'

/* Several server processes run the jobs at once (issue 16). A unit of work that calls WeChat or
   WeChat Pay (a refund, a payout, a payment looked up, an order expired) is claimed first: its
   claimed_until is set, in one statement that skips rows another process holds, and the unit is
   free again when the work is done or, should that process die, when the claim runs out. The
   outboxes (messages, shipping uploads, photo checks) need no column: their next_attempt_at is
   the claim. */
const TABLES = ['orders', 'payments', 'refunds', 'payouts'] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('claimed_until', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('claimed_until').execute()
}
