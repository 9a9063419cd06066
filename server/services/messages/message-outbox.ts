import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import { CLAIM_LEASE_MS, skippingLocked } from '../../db/job-claims'
import type { DB } from '../../db/schema'

/* The outboxes of WeChat calls (the buyer's "ready for pickup", the farmer's "your goods sold",
   an order's shipping information) share one way of recording a try: attempts counted, the next try pushed further back each time,
   and only while the message is still pending, so two server processes never both settle it. */

export type OutboxTable = 'buyerMessages' | 'farmerMessages' | 'shippingUploads'
export type MessageOutcome = 'sent' | 'failed' | 'pending'

export const MAX_MESSAGE_ATTEMPTS = 8
export const retryAfterMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 3 * 3600_000)

/** Claims up to `limit` due entries for this process (db/job-claims.ts): their next try moves to
 *  the lease's end, so no other process sends them meanwhile; settling sets it again. */
export async function claimDueEntries(deps: { db: Kysely<DB>; clock: Clock }, table: OutboxTable, limit: number): Promise<string[]> {
  const now = deps.clock()
  const { db } = deps
  // Every outbox table has these columns; the type names one of them for Kysely.
  const due = db.selectFrom(table as 'buyerMessages').select('id').where('status', '=', 'pending').where('nextAttemptAt', '<=', now.toISOString()).orderBy('nextAttemptAt').limit(limit)
  const claimed = await db
    .updateTable(table as 'buyerMessages')
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString() })
    .where('id', 'in', skippingLocked(db, due))
    .returning('id')
    .execute()
  return claimed.map((row) => row.id)
}

export async function settleMessage(
  deps: { db: Kysely<DB>; clock: Clock },
  table: OutboxTable,
  message: { id: string; attempts: number },
  status: MessageOutcome,
  lastError: string | null,
): Promise<void> {
  const now = deps.clock()
  // Every outbox table has these columns; the type names one of them for Kysely.
  await deps.db
    .updateTable(table as 'buyerMessages')
    .set({
      status,
      lastError,
      attempts: message.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + retryAfterMs(message.attempts)).toISOString(),
      ...(status === 'sent' ? { sentAt: now.toISOString() } : {}),
    })
    .where('id', '=', message.id)
    .where('status', '=', 'pending')
    .execute()
}

/** Records a try by its outcome: sent, or pending again until it is hopeless (permanent, or the last try). */
export async function settleTry(
  deps: { db: Kysely<DB>; clock: Clock },
  table: OutboxTable,
  row: { id: string; attempts: number },
  outcome: { ok: true } | { ok: false; permanent: boolean; reason: string },
): Promise<boolean> {
  if (outcome.ok) {
    await settleMessage(deps, table, row, 'sent', null)
    return true
  }
  await settleMessage(deps, table, row, outcome.permanent || row.attempts + 1 >= MAX_MESSAGE_ATTEMPTS ? 'failed' : 'pending', outcome.reason)
  return false
}
