import type { Kysely } from 'kysely'

/* Deleting an account (PIPL art. 47): a user's and a farmer's row stay as tombstones, because
   orders, the ledger and commission entries the law requires us to keep point at them, but their
   name, phone and openid are erased and `deleted_at` marks them, so no sign-in or token reaches
   them again. Each deletion is recorded: whose, by whom (the person, or the cun xiao'er at a
   phoneless farmer's request) and when, never with the erased data. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('deleted_at', 'text').execute()
  await db.schema.alterTable('farmers').addColumn('deleted_at', 'text').execute()
  await db.schema
    .createTable('account_deletions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('farmer_id', 'text', (c) => c.references('farmers.id'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('account_deletions_by_farmer').on('account_deletions').column('farmer_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_deletions').execute()
  await db.schema.alterTable('farmers').dropColumn('deleted_at').execute()
  await db.schema.alterTable('users').dropColumn('deleted_at').execute()
}
