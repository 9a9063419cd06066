import type { Kysely } from 'kysely'
import { orderLedger, type OrderMoneyFacts } from '../../../src/domain/order-ledger'
import type { DB } from '../../db/schema'
import { writePosting } from './postings'

/* The ledger is written from each order's facts (src/domain/order-ledger.ts): every posting has
   a key, and a posting whose key is already written is left as it is. So the same call serves
   the transaction of any money event (payment, pickup, refund, case, settlement: it writes what
   that event added) and the catch-up of orders from before the ledger (it writes all of it).
   Run inside the transaction that changed the facts, after the order's row is locked
   (lock-order.ts), so two events of one order never write at once. */

export async function orderMoneyFacts(tx: Kysely<DB>, orderId: string): Promise<OrderMoneyFacts | null> {
  const order = await tx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst()
  if (!order) return null
  const [lines, payments, commissions, refunds, cases] = await Promise.all([
    tx.selectFrom('orderLines').select(['position', 'farmerId', 'lineTotalFen']).where('orderId', '=', orderId).orderBy('position').execute(),
    tx.selectFrom('payments').select(['id', 'amountFen', 'succeededAt']).where('orderId', '=', orderId).where('status', '=', 'succeeded').orderBy('succeededAt').orderBy('id').execute(),
    tx.selectFrom('commissionEntries').select(['position', 'kind', 'caseId', 'operatorUserId', 'commissionFen', 'at']).where('orderId', '=', orderId).execute(),
    tx.selectFrom('refunds').select(['id', 'paymentId', 'amountFen', 'caseId', 'createdAt']).where('orderId', '=', orderId).execute(),
    tx.selectFrom('afterSaleCases').select(['id', 'position', 'fault']).where('orderId', '=', orderId).execute(),
  ])
  const caseById = new Map(cases.map((c) => [c.id, c]))
  // The first payment that went through paid the order; any later one is a buyer who paid twice, refunded whole.
  const [payment, ...duplicates] = payments
  const duplicateIds = new Set(duplicates.map((d) => d.id))
  return {
    orderId,
    countyId: order.countyId,
    lines,
    shippingFen: order.shippingFen,
    subsidyFen: order.subsidyFen,
    totalFen: order.totalFen,
    paidAt: payment?.succeededAt ?? null,
    // commission_entries keep a reversal as a negative amount; the ledger's facts name its size.
    commissions: commissions.map((c) => ({ position: c.position, kind: c.kind, caseId: c.caseId, operatorId: c.operatorUserId, commissionFen: c.kind === 'credit' ? c.commissionFen : -c.commissionFen, at: c.at })),
    refunds: refunds.filter((r) => !duplicateIds.has(r.paymentId)).map((r) => {
      const found = r.caseId ? caseById.get(r.caseId) : undefined
      // A refund is money owed back from the moment it is decided, whenever the bank completes it.
      return found ? { refundId: r.id, amountFen: r.amountFen, at: r.createdAt, caseId: found.id, position: found.position, fault: found.fault } : { refundId: r.id, amountFen: r.amountFen, at: r.createdAt, caseId: null }
    }),
    settledAt: order.settledAt,
    duplicatePayments: duplicates.map((d) => ({ paymentId: d.id, amountFen: d.amountFen, at: d.succeededAt ?? order.updatedAt })),
  }
}

/** Writes the postings of this order's facts that are not written yet; returns how many it wrote. */
export async function syncOrderLedger(tx: Kysely<DB>, orderId: string, now: string): Promise<number> {
  const facts = await orderMoneyFacts(tx, orderId)
  if (!facts) return 0
  const postings = orderLedger(facts)
  const written = new Set(
    postings.length === 0 ? [] : (await tx.selectFrom('ledgerPostings').select('key').where('key', 'in', postings.map((p) => p.key)).execute()).map((r) => r.key),
  )
  let count = 0
  for (const posting of postings) {
    if (!written.has(posting.key) && (await writePosting(tx, posting, { countyId: facts.countyId, orderId }, now))) count++
  }
  await tx.updateTable('orders').set({ ledgerAt: now }).where('id', '=', orderId).execute()
  return count
}
