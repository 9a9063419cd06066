import { type Kysely, sql } from 'kysely'

/* One open payment per order at most, held by the database: five taps on 立即支付 at once on
   PostgreSQL opened four payments, each its own transaction at WeChat Pay, and any of them could
   be paid. Duplicates left from before are closed first, all but the newest of each order, so the
   index can be built on any real database. A payment closed here may still be paid at WeChat Pay
   until its order expires (we cannot close it there from a migration); its notification is
   applied like any other (apply-payment.ts takes a closed payment's money, or pays it back). */
export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString()
  await sql`
    update payments set status = 'closed', updated_at = ${now}
    where status = 'pending' and exists (
      select 1 from payments newer
      where newer.order_id = payments.order_id and newer.status = 'pending'
        and (newer.created_at > payments.created_at or (newer.created_at = payments.created_at and newer.id > payments.id))
    )`.execute(db)
  await db.schema
    .createIndex('payments_one_open_per_order')
    .on('payments')
    .column('order_id')
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('payments_one_open_per_order').execute()
}
