import { Migrator, type Kysely, type Migration } from 'kysely'
import * as foundation from './migrations/001_foundation'
import * as listingEvents from './migrations/002_listing_events'
import * as orders from './migrations/003_orders'

/* Migrations are listed here, in order, rather than read from a folder at run time: the same
   list works under tsx, jest and any bundler. */
const migrations: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_listing_events': listingEvents,
  '003_orders': orders,
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`)
  }
}
