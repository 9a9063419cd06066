import { type Kysely, PostgresAdapter, sql } from 'kysely'

/* Every process keeps the catalog and listing answers it rendered until what they show changes.
   What they show is read from these tables and columns; a write to any of them, by any code
   path (an order taking stock, an expiry giving it back, a verdict hiding a listing, a farmer
   renamed), bumps a version in the same transaction, and a process that reads a new version
   drops what it kept. The catalog's version is the sum of the slots.

   On PostgreSQL each connection bumps the slot of its backend, so orders committing side by side
   do not queue on one row; a statement-level trigger bumps once per statement. SQLite writes one
   transaction at a time, so one row does. */

const WATCHED: { table: string; events: string[] }[] = [
  { table: 'listings', events: ['insert', 'update', 'delete'] },
  { table: 'listing_photos', events: ['insert', 'update', 'delete'] },
  { table: 'photos', events: ['update', 'delete'] },
  { table: 'photo_checks', events: ['insert', 'update of status', 'delete'] },
  { table: 'farmers', events: ['update of name', 'delete'] },
  { table: 'villages', events: ['update of name', 'delete'] },
  { table: 'users', events: ['update of name', 'delete'] },
]

const SLOTS = 64

const triggerName = (table: string, event: string) => `catalog_changed_${table}_${event.split(' ')[0]}`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_versions')
    .addColumn('slot', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('catalog_versions').values({ slot: 0, version: 0 }).execute()

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function catalog_changed() returns trigger language plpgsql as $$
      begin
        -- Once per transaction: an order taking stock of three listings bumps once.
        if current_setting('xiangji.catalog_bumped', true) is distinct from 'yes' then
          insert into catalog_versions (slot, version) values (pg_backend_pid() % ${sql.raw(String(SLOTS))}, 1)
            on conflict (slot) do update set version = catalog_versions.version + 1;
          perform set_config('xiangji.catalog_bumped', 'yes', true);
        end if;
        return null;
      end $$`.execute(db)
    for (const { table, events } of WATCHED) {
      for (const event of events) {
        await sql`create trigger ${sql.raw(triggerName(table, event))} after ${sql.raw(event)} on ${sql.table(table)} for each statement execute function catalog_changed()`.execute(db)
      }
    }
    return
  }
  for (const { table, events } of WATCHED) {
    for (const event of events) {
      await sql`create trigger ${sql.raw(triggerName(table, event))} after ${sql.raw(event)} on ${sql.table(table)} begin update catalog_versions set version = version + 1 where slot = 0; end`.execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, events } of WATCHED) for (const event of events) await sql`drop trigger if exists ${sql.raw(triggerName(table, event))}${sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? ` on ${table}` : '')}`.execute(db)
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists catalog_changed()`.execute(db)
  await db.schema.dropTable('catalog_versions').execute()
}
