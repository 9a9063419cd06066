import type { Kysely } from 'kysely'

/* The outbox of messages to farmers ("someone bought your goods; hand them in by …"): one row
   per parcel, written in the transaction that marks its order paid, sent by the order jobs. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('farmer_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parcel_id', 'text', (c) => c.notNull().unique().references('parcels.id'))
    .addColumn('farmer_id', 'text', (c) => c.notNull().references('farmers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('farmer_messages_due').on('farmer_messages').columns(['status', 'next_attempt_at']).execute()
  // The farmer's sales page reads her parcels run by run.
  await db.schema.createIndex('parcels_by_farmer_run').on('parcels').columns(['farmer_id', 'collection_run_date']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('parcels_by_farmer_run').execute()
  await db.schema.dropTable('farmer_messages').execute()
}
