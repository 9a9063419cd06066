import type { Kysely } from 'kysely'
import { chinaMonth } from '../../../src/domain/china-time'
import type { DB } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'

/* The cun xiao'er's commission: earned per order line when the buyer picks the order up,
   credited to the operator of the listing's village at the rate the order was placed with, and
   taken back (a negative entry) if the order is refunded afterwards. The unique key on (order,
   line, kind) makes each happen at most once, however often it is attempted. */


async function linesWithOperators(tx: WriteTx, orderId: string) {
  return tx
    .selectFrom('orderLines')
    .innerJoin('listings', 'listings.id', 'orderLines.listingId')
    .innerJoin('users', (join) => join.onRef('users.villageId', '=', 'listings.villageId').on('users.role', '=', 'operator'))
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .select(['orderLines.position', 'orderLines.listingId', 'orderLines.title', 'orderLines.lineTotalFen', 'orderLines.commissionFen', 'orders.commissionRateBp', 'users.id as operatorUserId'])
    .where('orderLines.orderId', '=', orderId)
    .execute()
}

export async function creditCommissions(tx: WriteTx, orderId: string, now: string): Promise<void> {
  for (const line of await linesWithOperators(tx, orderId)) {
    await tx
      .insertInto('commissionEntries')
      .values({ id: newId('com'), orderId, position: line.position, kind: 'credit', operatorUserId: line.operatorUserId, listingId: line.listingId, title: line.title, lineTotalFen: line.lineTotalFen, rateBp: line.commissionRateBp, commissionFen: line.commissionFen, month: chinaMonth(now), at: now })
      .onConflict((oc) => oc.columns(['orderId', 'position', 'kind']).doNothing())
      .execute()
  }
}

/** Takes back what was credited for this order, once; nothing if nothing was credited. */
export async function reverseCommissions(tx: WriteTx, orderId: string, now: string): Promise<void> {
  const credited = await tx.selectFrom('commissionEntries').selectAll().where('orderId', '=', orderId).where('kind', '=', 'credit').execute()
  for (const entry of credited) {
    await tx
      .insertInto('commissionEntries')
      .values({ ...entry, id: newId('com'), kind: 'reversal', commissionFen: -entry.commissionFen, month: chinaMonth(now), at: now })
      .onConflict((oc) => oc.columns(['orderId', 'position', 'kind']).doNothing())
      .execute()
  }
}

export interface CommissionStatement {
  month: string
  items: { orderId: string; listingId: string; title: string; lineTotalFen: number; rate: number; commissionFen: number; creditedAt: string; kind: 'credit' | 'reversal' }[]
  totalFen: number
}

/** The operator's entries of one month (China time), in the order they happened. */
export async function commissionStatement(db: Kysely<DB>, operatorUserId: string, month: string): Promise<CommissionStatement> {
  const entries = await db.selectFrom('commissionEntries').selectAll().where('operatorUserId', '=', operatorUserId).where('month', '=', month).orderBy('at').orderBy('orderId').orderBy('position').execute()
  return {
    month,
    items: entries.map((e) => ({ orderId: e.orderId, listingId: e.listingId, title: e.title, lineTotalFen: e.lineTotalFen, rate: e.rateBp / 10_000, commissionFen: e.commissionFen, creditedAt: e.at, kind: e.kind })),
    totalFen: entries.reduce((sum, e) => sum + e.commissionFen, 0),
  }
}
