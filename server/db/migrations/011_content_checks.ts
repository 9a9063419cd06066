import { type Kysely, PostgresAdapter, sql } from 'kysely'

/* WeChat's content security. A listing remembers how its text was checked (flagged for the cun
   xiao'er when WeChat asked for a person's review or could not be asked) and why it was hidden.
   Each photo has one check, asked of WeChat by the jobs (mediaCheckAsync) and answered on the
   message push; every trace id WeChat gave is kept, so a verdict that arrives after we asked
   again still finds its photo. A listing hidden by WeChat's verdict is recorded in its history
   with no person as the actor, so that column may now be empty. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listings').addColumn('text_check', 'text', (c) => c.notNull().defaultTo('pass')).execute()
  // 'title:review,description:unchecked': which field WeChat flagged, and how.
  await db.schema.alterTable('listings').addColumn('text_flags', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('listings').addColumn('hidden_reason', 'text').execute()
  await db.schema.alterTable('farmers').addColumn('name_check', 'text', (c) => c.notNull().defaultTo('pass')).execute()

  await db.schema
    .createTable('photo_checks')
    .addColumn('photo_id', 'text', (c) => c.primaryKey().references('photos.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // Asked of WeChat yet for this try? The jobs send the ones not asked.
    .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'integer')
    .addColumn('media_url', 'text', (c) => c.notNull())
    .addColumn('openid', 'text')
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('photo_checks_due').on('photo_checks').columns(['status', 'next_attempt_at']).execute()
  await db.schema
    .createTable('photo_check_traces')
    .addColumn('trace_id', 'text', (c) => c.primaryKey())
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute()

  if (isPostgres(db)) {
    await sql`alter table listing_events alter column actor_user_id drop not null`.execute(db)
  } else {
    // SQLite cannot drop a NOT NULL: the table is made again with the same rows. Nothing refers to it.
    await sql`create table listing_events_new (
      id text primary key,
      listing_id text not null references listings(id),
      seq integer not null,
      actor_user_id text references users(id),
      action text not null,
      from_status text,
      to_status text not null,
      reason text,
      changed_fields text not null default '',
      at text not null,
      constraint listing_events_order unique (listing_id, seq)
    )`.execute(db)
    await sql`insert into listing_events_new select id, listing_id, seq, actor_user_id, action, from_status, to_status, reason, changed_fields, at from listing_events`.execute(db)
    await sql`drop table listing_events`.execute(db)
    await sql`alter table listing_events_new rename to listing_events`.execute(db)
  }
}

/* A failed probe query would abort PostgreSQL's migration transaction, so ask Kysely instead. */
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('photo_check_traces').execute()
  await db.schema.dropTable('photo_checks').execute()
  await db.schema.alterTable('farmers').dropColumn('name_check').execute()
  await db.schema.alterTable('listings').dropColumn('hidden_reason').execute()
  await db.schema.alterTable('listings').dropColumn('text_flags').execute()
  await db.schema.alterTable('listings').dropColumn('text_check').execute()
}
