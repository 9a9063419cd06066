import type { Kysely } from 'kysely'

/* The foundation: places, people, sessions, photos and listings. Portable column types only
   (text, integer) so one migration serves SQLite and PostgreSQL. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shipping_first_kg_fen', 'integer', (c) => c.notNull())
    .addColumn('shipping_extra_kg_fen', 'integer', (c) => c.notNull())
    .addColumn('commission_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('subsidy_cap_fen', 'integer')
    .addColumn('subsidy_valid_from', 'text')
    .addColumn('subsidy_valid_until', 'text')
    .addColumn('cutoff_time', 'text', (c) => c.notNull())
    .addColumn('collection_run_time', 'text', (c) => c.notNull())
    .addColumn('run_duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('pickup_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('closed_weekdays', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  await db.schema
    .createTable('villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_center_address', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('villages_county').on('villages').column('county_id').execute()

  await db.schema
    .createTable('farmers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('farmers_village').on('farmers').column('village_id').execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('county_id', 'text', (c) => c.references('counties.id'))
    .addColumn('farmer_id', 'text', (c) => c.references('farmers.id'))
    .addColumn('wechat_openid', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('wechat_sessions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('openid', 'text', (c) => c.notNull().unique())
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('farmer_id', 'text', (c) => c.notNull().references('farmers.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_weight_grams', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('listed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('rejection_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The catalog reads newest-first within a status, usually narrowed to a county or category.
  await db.schema.createIndex('listings_catalog').on('listings').columns(['status', 'created_at', 'id']).execute()
  await db.schema.createIndex('listings_county_category').on('listings').columns(['county_id', 'category', 'status']).execute()
  await db.schema.createIndex('listings_village').on('listings').columns(['village_id', 'status']).execute()
  await db.schema.createIndex('listings_farmer').on('listings').column('farmer_id').execute()

  await db.schema
    .createTable('listing_photos')
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listings.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_photos_pk', ['listing_id', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['listing_photos', 'listings', 'photos', 'wechat_sessions', 'sessions', 'users', 'farmers', 'villages', 'pickup_points', 'counties']) {
    await db.schema.dropTable(table).execute()
  }
}
