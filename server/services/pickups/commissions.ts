import type { Kysely } from 'kysely'
import { commissionReversalFor } from '../../../src/domain/after-sale'
import { chinaMonth } from '../../../src/domain/china-time'
import type { DB } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import type { CommissionStatement } from '../../contract/parcels'

/* The cun xiao'er's commission: earned per order line when the buyer picks the order up,
   credited to the operator of the listing's village at the rate the order was placed with, and
   taken back (a negative entry) if the order is refunded afterwards, or in proportion when an
   after-sale case refunds part of a line. The unique key on (order, line, kind, case) makes each
   happen at most once, however often it is attempted. */


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
      .onConflict((oc) => oc.columns(['orderId', 'position', 'kind', 'caseId']).doNothing())
      .execute()
  }
}

/** Takes back what is still credited for this order (cases may have taken part of it back), once;
 *  nothing if nothing was credited. */
export async function reverseCommissions(tx: WriteTx, orderId: string, now: string): Promise<void> {
  const entries = await tx.selectFrom('commissionEntries').selectAll().where('orderId', '=', orderId).execute()
  for (const entry of entries.filter((e) => e.kind === 'credit')) {
    const left = entries.filter((e) => e.position === entry.position).reduce((sum, e) => sum + e.commissionFen, 0)
    if (left <= 0) continue
    await tx
      .insertInto('commissionEntries')
      .values({ ...entry, id: newId('com'), kind: 'reversal', caseId: '', commissionFen: -left, month: chinaMonth(now), at: now })
      .onConflict((oc) => oc.columns(['orderId', 'position', 'kind', 'caseId']).doNothing())
      .execute()
  }
}

/**
 * Takes back, in proportion, the commission on each refunded case of this order whose line was
 * credited, once per case (the case row records it with a conditional update, the unique key
 * holds the entry). Called when a case is decided and again at pickup, whichever comes later
 * finds the credit: a case refunded at the desk before hand-over is reversed the moment the line
 * is credited. Under the order's lock, so the cases of a line are reversed one after another and
 * their reversals add up to the share of all their refunds (commissionReversalFor).
 */
export async function reverseCaseCommissions(tx: WriteTx, orderId: string, now: string): Promise<void> {
  const credits = await tx.selectFrom('commissionEntries').selectAll().where('orderId', '=', orderId).where('kind', '=', 'credit').execute()
  if (credits.length === 0) return
  // Only refunds of the farmer's goods: goods lost in transport are the county's loss, and the sale (and its commission) stands.
  const cases = await tx.selectFrom('afterSaleCases').selectAll().where('orderId', '=', orderId).where('status', '=', 'refunded').where('fault', '=', 'farmer').orderBy('decidedAt').orderBy('id').execute()
  for (const credit of credits) {
    const ofLine = cases.filter((c) => c.position === credit.position)
    let refundedBefore = ofLine.filter((c) => c.commissionReversedFen !== null).reduce((sum, c) => sum + c.refundFen!, 0)
    for (const due of ofLine.filter((c) => c.commissionReversedFen === null)) {
      const reversal = commissionReversalFor(due.refundFen!, refundedBefore, credit.lineTotalFen, credit.commissionFen)
      refundedBefore += due.refundFen!
      const marked = await tx.updateTable('afterSaleCases').set({ commissionReversedFen: reversal }).where('id', '=', due.id).where('commissionReversedFen', 'is', null).executeTakeFirst()
      if (Number(marked.numUpdatedRows) !== 1 || reversal === 0) continue
      await tx
        .insertInto('commissionEntries')
        .values({ ...credit, id: newId('com'), kind: 'reversal', caseId: due.id, commissionFen: -reversal, month: chinaMonth(now), at: now })
        .onConflict((oc) => oc.columns(['orderId', 'position', 'kind', 'caseId']).doNothing())
        .execute()
    }
  }
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
