import type { Kysely } from 'kysely'

/* From village to county: when and by whom each parcel was collected and received, the
   collection run it travels on, wrong pickup-code tries (kept in the database so the limit holds
   across restarts and processes), the cun xiao'er's commission entries, and the outbox of
   messages to buyers. */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['collection_run_date', 'collected_at', 'collected_by', 'received_at', 'received_by']) {
    await db.schema.alterTable('parcels').addColumn(column, 'text').execute()
  }
  await db.schema.createIndex('parcels_by_run').on('parcels').columns(['collection_run_date', 'village_id']).execute()

  await db.schema
    .createTable('pickup_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pickup_attempts_by_staff').on('pickup_attempts').columns(['staff_user_id', 'at']).execute()
  await db.schema.createIndex('pickup_attempts_by_point').on('pickup_attempts').columns(['pickup_point_id', 'at']).execute()

  await db.schema
    .createTable('commission_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'credit' at pickup, 'reversal' (negative) if the order is refunded later: one of each at most.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('operator_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('line_total_fen', 'integer', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('commission_fen', 'integer', (c) => c.notNull())
    // YYYY-MM in China time, the month the entry counts in.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('commission_entries_once', ['order_id', 'position', 'kind'])
    .execute()
  await db.schema.createIndex('commission_entries_by_operator').on('commission_entries').columns(['operator_user_id', 'month']).execute()

  await db.schema
    .createTable('buyer_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('buyer_messages_once', ['order_id', 'kind'])
    .execute()
  await db.schema.createIndex('buyer_messages_due').on('buyer_messages').columns(['status', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['buyer_messages', 'commission_entries', 'pickup_attempts']) await db.schema.dropTable(table).execute()
  await db.schema.dropIndex('parcels_by_run').execute()
  for (const column of ['received_by', 'received_at', 'collected_by', 'collected_at', 'collection_run_date']) {
    await db.schema.alterTable('parcels').dropColumn(column).execute()
  }
}
