import type { DialectName } from '../../db/database'
import type { OrderTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'

/* An order's row, locked for the rest of the write transaction on PostgreSQL (SQLite's write
   transaction runs alone anyway). Everything that moves one order or its parcels (a parcel
   collected or received, a cancel) takes this lock before it reads what it decides on, so each
   sees the one before it: the timeline numbers its steps in turn, the last parcel received sees
   the others received and makes the order ready, and a cancel never wins over a parcel handed in
   at that moment. Read committed alone would let both sides decide on what they read before. */
export function lockOrder(tx: WriteTx, dialect: DialectName, orderId: string): Promise<OrderTable | undefined> {
  const query = tx.selectFrom('orders').selectAll().where('id', '=', orderId)
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
}
