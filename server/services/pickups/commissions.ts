import type { Kysely } from 'kysely'
import { commissionReversalFor } from '../../../src/domain/after-sale'
import { addChinaMonths, chinaInstant, chinaMonth, type ChinaMonth } from '../../../src/domain/china-time'
import type { DB } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import type { CommissionStatement } from '../../contract/parcels'

/* The cun xiao'er's commission: earned per order line when the buyer picks the order up,
   credited to the operator of the listing's village at the rate the order was placed with, and
   taken back (a negative entry) if the order is refunded afterwards, or in proportion when an
   after-sale case refunds part of a line. The unique key on (order, line, kind, case) makes each
   happen at most once, however often it is attempted. The ledger writes each entry in the same
   transaction (order-ledger-sync.ts), and the operator's view reads it from there. */


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

/**
 * The operator's commission of one month (China time), in the order it happened, read from the
 * ledger: his entries of the commission events (credited at pickup, taken back after a refund),
 * each line named by its posting's key (`commission:<order>:<line>:<kind>:<case>`, order-ledger.ts)
 * and described from the order's line. Settlements and payouts move his money too, but earn or
 * take back nothing: they are not commission lines.
 */
export async function commissionStatement(db: Kysely<DB>, operatorUserId: string, month: ChinaMonth): Promise<CommissionStatement> {
  const from = chinaInstant(`${month}-01`, 0).toISOString()
  const until = chinaInstant(`${addChinaMonths(month, 1)}-01`, 0).toISOString()
  const entries = await db
    .selectFrom('ledgerEntries')
    .innerJoin('ledgerPostings', 'ledgerPostings.id', 'ledgerEntries.postingId')
    .innerJoin('orders', 'orders.id', 'ledgerPostings.orderId')
    .select(['ledgerPostings.key', 'ledgerPostings.event', 'ledgerPostings.orderId', 'ledgerEntries.amountFen', 'ledgerEntries.at', 'orders.commissionRateBp'])
    .where('ledgerEntries.holderId', '=', operatorUserId)
    .where('ledgerEntries.account', 'in', ['operator_pending', 'operator_payable'])
    .where('ledgerEntries.at', '>=', from)
    .where('ledgerEntries.at', '<', until)
    .where('ledgerPostings.event', 'in', ['commission_credited', 'commission_reversed'])
    .execute()
  const items = entries.map((e) => ({ ...e, position: Number(e.key.split(':')[2]), amountFen: Number(e.amountFen) }))
  const orderIds = [...new Set(items.map((e) => e.orderId!))]
  const lines = orderIds.length === 0 ? [] : await db.selectFrom('orderLines').select(['orderId', 'position', 'listingId', 'title', 'lineTotalFen']).where('orderId', 'in', orderIds).execute()
  const lineOf = new Map(lines.map((l) => [`${l.orderId}:${l.position}`, l]))
  items.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.orderId !== b.orderId ? (a.orderId! < b.orderId! ? -1 : 1) : a.position - b.position))
  return {
    month,
    items: items.map((e) => {
      const line = lineOf.get(`${e.orderId}:${e.position}`)!
      return { orderId: e.orderId!, listingId: line.listingId, title: line.title, lineTotalFen: line.lineTotalFen, rate: e.commissionRateBp / 10_000, commissionFen: e.amountFen, creditedAt: e.at, kind: e.event === 'commission_credited' ? ('credit' as const) : ('reversal' as const) }
    }),
    totalFen: items.reduce((sum, e) => sum + e.amountFen, 0),
  }
}
