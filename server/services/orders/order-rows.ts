import type { Insertable, Kysely, QueryCreator } from 'kysely'
import type { DialectName } from '../../db/database'
import type { DB, OrderEventTable, OrderLineTable, OrderTable, ParcelTable } from '../../db/schema'
import { bindKey, type KeyBinding } from './idempotency'

/* A new order's rows and its Idempotency-Key's binding, written in as few round trips as the
   database allows. On PostgreSQL that is one statement: data-modifying WITH queries, whose
   foreign keys are checked together at the statement's end, while the order's transaction waits
   on the network once instead of five times. On SQLite each table is a statement of its own,
   each a call into this very process. */

export interface NewOrderRows {
  order: Insertable<OrderTable>
  lines: Insertable<OrderLineTable>[]
  parcels: ParcelTable[]
  placed: Insertable<OrderEventTable>
  key: KeyBinding
}

export async function insertOrderRows(tx: Kysely<DB>, dialect: DialectName, rows: NewOrderRows): Promise<void> {
  if (dialect === 'postgres') {
    const withRows = tx
      .with('new_order', (db) => db.insertInto('orders').values(rows.order))
      .with('new_lines', (db) => db.insertInto('orderLines').values(rows.lines))
      .with('new_parcels', (db) => db.insertInto('parcels').values(rows.parcels))
      .with('new_event', (db) => db.insertInto('orderEvents').values(rows.placed))
    // The WITH names add tables to its type that the key's statement does not read.
    await bindKey(withRows as unknown as QueryCreator<DB>, rows.key).execute()
    return
  }
  await tx.insertInto('orders').values(rows.order).execute()
  await tx.insertInto('orderLines').values(rows.lines).execute()
  await tx.insertInto('parcels').values(rows.parcels).execute()
  await tx.insertInto('orderEvents').values(rows.placed).execute()
  await bindKey(tx, rows.key).execute()
}
