import type { Kysely } from 'kysely'
import { OPEN_CASE_STATUSES, isSaleSettleable, SETTLEMENT_DELAY_HOURS } from '../../../src/domain/settlement'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB } from '../../db/schema'
import { writeTransaction } from '../../db/write-transaction'
import { lockOrder } from '../orders/lock-order'
import { syncOrderLedger } from './order-ledger-sync'

/* Two rounds of the jobs (order-jobs.ts) that keep the ledger: sales whose after-sale window has
   closed with no case open settle (their money becomes payable), and orders whose ledger is not
   written yet (those from before the ledger) are written from their facts. A few hundred per
   round, each in its own transaction with its order locked, so a round never holds the database
   long and two processes running it at once write each posting once. */

export interface LedgerJobDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
}

const BATCH = 200

export async function settleDueSales(deps: LedgerJobDeps): Promise<number> {
  const now = deps.clock()
  const pickedUpBefore = new Date(now.getTime() - SETTLEMENT_DELAY_HOURS * 3600_000).toISOString()
  const due = await deps.db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'picked_up')
    .where('settledAt', 'is', null)
    .where('endedAt', '<=', pickedUpBefore)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('afterSaleCases').select('id').whereRef('afterSaleCases.orderId', '=', 'orders.id').where('afterSaleCases.status', 'in', [...OPEN_CASE_STATUSES]))))
    .orderBy('endedAt')
    .limit(BATCH)
    .execute()
  let settled = 0
  for (const { id } of due) {
    const done = await writeTransaction(deps.db, deps.dialect, async (tx) => {
      const order = await lockOrder(tx, deps.dialect, id)
      if (!order || order.settledAt !== null) return false
      const cases = await tx.selectFrom('afterSaleCases').select('status').where('orderId', '=', id).execute()
      // Checked again under the lock: a case may have been opened since the list was read.
      if (!isSaleSettleable({ orderStatus: order.status, pickedUpAt: order.endedAt, caseStatuses: cases.map((c) => c.status) }, now)) return false
      await tx.updateTable('orders').set({ settledAt: now.toISOString() }).where('id', '=', id).execute()
      await syncOrderLedger(tx, id, now.toISOString())
      return true
    })
    if (done) settled++
  }
  return settled
}

/** Writes the ledger of orders that have none yet (paid before the ledger existed). */
export async function catchUpLedger(deps: LedgerJobDeps): Promise<number> {
  const behind = await deps.db.selectFrom('orders').select('id').where('ledgerAt', 'is', null).where('paidAt', 'is not', null).orderBy('paidAt').limit(BATCH).execute()
  for (const { id } of behind) {
    await writeTransaction(deps.db, deps.dialect, async (tx) => {
      await lockOrder(tx, deps.dialect, id)
      await syncOrderLedger(tx, id, deps.clock().toISOString())
    })
  }
  return behind.length
}
