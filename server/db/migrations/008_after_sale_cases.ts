import { type Kysely, sql } from 'kysely'

/* After-sale cases (售后): a problem with one order line, its photos, and its decision. A case's
   refund is a partial refund of the order's payment, with its own out_refund_no, so refunds gain
   the case they pay (null: the whole order's refund). The commission on a refunded part is taken
   back once per case: commission_entries' unique key gains the case ('' for the whole order's
   credit and reversal, so those stay once per line). SQLite cannot drop a table constraint, so
   the table is rebuilt under the new key on both databases. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('after_sale_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reporter_role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refund_fen', 'integer')
    .addColumn('decline_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    // Set once, when the commission on this case's refund is taken back (0 when the rounding leaves nothing).
    .addColumn('commission_reversed_fen', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('after_sale_cases_by_order').on('after_sale_cases').columns(['order_id', 'position']).execute()
  await db.schema.createIndex('after_sale_cases_by_status').on('after_sale_cases').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('after_sale_case_photos')
    .addColumn('case_id', 'text', (c) => c.notNull().references('after_sale_cases.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('after_sale_case_photos_pk', ['case_id', 'position'])
    .execute()

  await db.schema.alterTable('refunds').addColumn('case_id', 'text').execute()
  await db.schema.createIndex('refunds_by_order').on('refunds').column('order_id').execute()

  await rebuildCommissionEntries(db, 'commission_entries_v8', { caseId: true })
}

export async function down(db: Kysely<any>): Promise<void> {
  // Cases' reversals go with the cases; the whole-order entries go back under the old key.
  await sql`delete from commission_entries where case_id <> ''`.execute(db)
  await rebuildCommissionEntries(db, 'commission_entries_v4', { caseId: false })
  await db.schema.dropIndex('refunds_by_order').execute()
  await db.schema.alterTable('refunds').dropColumn('case_id').execute()
  await db.schema.dropTable('after_sale_case_photos').execute()
  await db.schema.dropTable('after_sale_cases').execute()
}

/** commission_entries copied into a new table under the key of 008 (with the case) or of 004
 *  (without), then put in its place: SQLite cannot change a table's constraints any other way. */
async function rebuildCommissionEntries(db: Kysely<any>, temporary: string, { caseId }: { caseId: boolean }): Promise<void> {
  let table = db.schema
    .createTable(temporary)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
  if (caseId) table = table.addColumn('case_id', 'text', (c) => c.notNull().defaultTo(''))
  await table
    .addColumn('operator_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('line_total_fen', 'integer', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('commission_fen', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // Named after the temporary table: PostgreSQL keeps a constraint's name through the rename below.
    .addUniqueConstraint(`${temporary}_once`, (caseId ? ['order_id', 'position', 'kind', 'case_id'] : ['order_id', 'position', 'kind']) as never)
    .execute()
  const columns = sql.raw('id, order_id, position, kind, operator_user_id, listing_id, title, line_total_fen, rate_bp, commission_fen, month, at')
  if (caseId) await sql`insert into ${sql.table(temporary)} (${columns}, case_id) select ${columns}, '' from commission_entries`.execute(db)
  else await sql`insert into ${sql.table(temporary)} (${columns}) select ${columns} from commission_entries`.execute(db)
  await db.schema.dropTable('commission_entries').execute()
  await db.schema.alterTable(temporary).renameTo('commission_entries').execute()
  await db.schema.createIndex('commission_entries_by_operator').on('commission_entries').columns(['operator_user_id', 'month']).execute()
}
