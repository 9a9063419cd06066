import { type Kysely, sql } from 'kysely'

/* Orders, their parcels (one per farmer), their timeline, the idempotency keys that make a
   retried POST /orders answer the same order, and the payments and refunds behind them. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subtotal_fen', 'integer', (c) => c.notNull())
    .addColumn('shipping_fen', 'integer', (c) => c.notNull())
    .addColumn('subsidy_fen', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('commission_rate_bp', 'integer', (c) => c.notNull())
    // A keyed hash finds the code at its center; the sealed copy is what the buyer is shown.
    .addColumn('pickup_code_hash', 'text')
    .addColumn('pickup_code_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('orders_by_buyer').on('orders').columns(['buyer_id', 'created_at']).execute()
  await db.schema.createIndex('orders_by_expiry').on('orders').columns(['status', 'expires_at']).execute()
  // No two open orders of one center share a pickup code.
  await db.schema
    .createIndex('orders_open_pickup_code')
    .on('orders')
    .columns(['pickup_point_id', 'pickup_code_hash'])
    .unique()
    .where(sql<boolean>`status in ('paid', 'ready_for_pickup')`)
    .execute()

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listings.id'))
    .addColumn('farmer_id', 'text', (c) => c.notNull().references('farmers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'integer', (c) => c.notNull())
    .addColumn('line_total_fen', 'integer', (c) => c.notNull())
    .addColumn('commission_fen', 'integer', (c) => c.notNull())
    .addColumn('weight_grams', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'position'])
    .execute()

  await db.schema
    .createTable('parcels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('farmer_id', 'text', (c) => c.notNull().references('farmers.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('weight_grams', 'integer', (c) => c.notNull())
    .addColumn('shipping_fen', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('parcels_by_order').on('parcels').column('order_id').execute()
  await db.schema.createIndex('parcels_by_village').on('parcels').columns(['village_id', 'status']).execute()

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parcel_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('order_events_order', ['order_id', 'seq'])
    .execute()

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    // The answer given the first time, given again verbatim to a replay of the same request.
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['buyer_id', 'key'])
    .execute()
  await db.schema.createIndex('idempotency_keys_by_age').on('idempotency_keys').column('created_at').execute()

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('out_trade_no', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('prepay_id', 'text')
    .addColumn('prepared_at', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('succeeded_at', 'text')
    .execute()
  await db.schema.createIndex('payments_by_order').on('payments').column('order_id').execute()
  await db.schema.createIndex('payments_by_status').on('payments').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    // Stable per payment: a retry after a timeout asks for the same refund, never a second one.
    .addColumn('out_refund_no', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_refund_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('succeeded_at', 'text')
    .execute()
  await db.schema.createIndex('refunds_by_status').on('refunds').column('status').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['refunds', 'payments', 'idempotency_keys', 'order_events', 'parcels', 'order_lines', 'orders']) {
    await db.schema.dropTable(table).execute()
  }
}
