import type { Kysely } from 'kysely'

/* The money's own books (src/domain/ledger.ts): postings, each written once under its key, and
   their entries, which sum to zero per posting; payout runs and their payouts (src/domain/
   payouts.ts); WeChat's shipping information, one upload per paid order, sent through an outbox.
   Orders gain the instant their sale settled; after-sale cases the fault staff found (the
   farmer's goods, or the county's transport). Orders older than the ledger are written into it
   by the ledger catch-up (server/services/ledger), from the same facts as live ones. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_postings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('payout_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ledger_postings_by_order').on('ledger_postings').column('order_id').execute()
  await db.schema
    .createTable('ledger_entries')
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    // Copied from the posting so that a statement or a month's reconciliation reads one table.
    .addColumn('county_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['posting_id', 'line'])
    .execute()
  await db.schema.createIndex('ledger_entries_by_holder').on('ledger_entries').columns(['holder_id', 'account', 'at']).execute()
  await db.schema.createIndex('ledger_entries_by_county').on('ledger_entries').columns(['county_id', 'at']).execute()

  await db.schema
    .createTable('payout_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('payee_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('payout_runs_by_county').on('payout_runs').columns(['county_id', 'created_at']).execute()
  await db.schema
    .createTable('payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('payout_runs.id'))
    .addColumn('county_id', 'text', (c) => c.notNull())
    .addColumn('payee_kind', 'text', (c) => c.notNull())
    .addColumn('payee_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // Ours, fixed when the payout is drawn up, so a resend after a lost answer is the same bill.
    .addColumn('out_bill_no', 'text', (c) => c.notNull().unique())
    .addColumn('transfer_bill_no', 'text')
    .addColumn('package_info', 'text')
    .addColumn('fail_reason', 'text')
    .addColumn('offline_reference', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute()
  await db.schema.createIndex('payouts_by_run').on('payouts').column('run_id').execute()
  await db.schema.createIndex('payouts_by_payee').on('payouts').columns(['payee_id', 'created_at']).execute()
  await db.schema.createIndex('payouts_by_status').on('payouts').columns(['status', 'updated_at']).execute()

  // An outbox like the WeChat messages' (message-outbox.ts): one row per paid order handed over.
  await db.schema
    .createTable('shipping_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().unique().references('orders.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shipping_uploads_due').on('shipping_uploads').columns(['status', 'next_attempt_at']).execute()

  await db.schema.alterTable('orders').addColumn('settled_at', 'text').execute()
  // Every older order is written into the ledger by the catch-up; null marks it as not yet done.
  await db.schema.alterTable('orders').addColumn('ledger_at', 'text').execute()
  await db.schema.alterTable('after_sale_cases').addColumn('fault', 'text', (c) => c.notNull().defaultTo('farmer')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('after_sale_cases').dropColumn('fault').execute()
  await db.schema.alterTable('orders').dropColumn('ledger_at').execute()
  await db.schema.alterTable('orders').dropColumn('settled_at').execute()
  for (const table of ['shipping_uploads', 'payouts', 'payout_runs', 'ledger_entries', 'ledger_postings']) await db.schema.dropTable(table).execute()
}
