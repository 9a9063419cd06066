import type { Kysely } from 'kysely'

/* Every change to a listing is recorded: who, what, when, from which status to which. The
   operator reads it as the listing's history; a dispute about a price starts here. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listing_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listings.id'))
    // 1, 2, 3… per listing: the order of events even when two share a millisecond.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_fields', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('listing_events_order', ['listing_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('listing_events').execute()
}
