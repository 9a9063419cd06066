import type { DialectName } from '../../db/database'
import type { OrderTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'

/* The one lock order of Xiangji's write transactions on PostgreSQL (SQLite's write transaction
   runs alone, so there the lock below is a plain read):

     1. at the pickup desk only: the staff member's row, then the center's (wrong-code counts);
     2. the order's row: lockOrder, before anything that decides on the order is read;
     3. then what hangs off that order: its payments, refunds, parcels, timeline, commissions,
        and last of these its ledger postings (ledger/order-ledger-sync.ts);
     4. listings' stock last, inListingIdOrder (placing an order, giving its stock back);
     5. applying a payment only: the county's order-number counter row for the run's day
        (order-number.ts), after everything of the order and nothing after it. It is the one row
        many orders' transactions share, so each holds it for the moment before commit.

   Two transactions that take their locks in one order wait for each other; two that take them in
   opposite orders deadlock, and PostgreSQL kills one of them: a 500 to the buyer, or a payment
   notification WeChat Pay retries for hours. So news that names a payment or a refund (a WeChat
   notification, the sandbox's confirm, a refund's outcome) reads that row without a lock for its
   order's id, which never changes, locks the order, and only then updates the payment or refund
   with a conditional update. Holding the order's row also makes each transaction see the one
   before it: the timeline numbers its steps in turn, the last parcel received sees the others
   received, a cancel never wins over a parcel handed in or a payment being applied. */

/** The order's row, locked for the rest of the write transaction: step 2 above. */
export function lockOrder(tx: WriteTx, dialect: DialectName, orderId: string): Promise<OrderTable | undefined> {
  const query = tx.selectFrom('orders').selectAll().where('id', '=', orderId)
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
}

/** Lines in the order their listings' rows are locked: step 4 above. Compared in JavaScript, not
 *  by the database's collation, so every path sorts the same way whatever the database. */
export function inListingIdOrder<T extends { listingId: string }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.listingId < b.listingId ? -1 : a.listingId > b.listingId ? 1 : 0))
}
