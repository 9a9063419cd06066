import { Migrator, type Kysely, type Migration, sql } from 'kysely'
import * as foundation from './migrations/001_foundation'
import * as listingEvents from './migrations/002_listing_events'
import * as orders from './migrations/003_orders'
import * as pickup from './migrations/004_pickup'
import * as oneOpenPayment from './migrations/005_one_open_payment'
import * as orderNumbers from './migrations/006_order_numbers'
import * as farmerMessages from './migrations/007_farmer_messages'
import * as afterSaleCases from './migrations/008_after_sale_cases'
import * as ledgerAndPayouts from './migrations/009_ledger_and_payouts'
import * as accountDeletion from './migrations/010_account_deletion'
import * as contentChecks from './migrations/011_content_checks'
import * as jobClaims from './migrations/012_job_claims'
import * as catalogVersion from './migrations/013_catalog_version'
import * as takeStock from './migrations/014_take_stock'

/* Migrations are listed here, in order, rather than read from a folder at run time: the same
   list works under tsx, jest and any bundler. */
const migrations: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_listing_events': listingEvents,
  '003_orders': orders,
  '004_pickup': pickup,
  '005_one_open_payment': oneOpenPayment,
  '006_order_numbers': orderNumbers,
  '007_farmer_messages': farmerMessages,
  '008_after_sale_cases': afterSaleCases,
  '009_ledger_and_payouts': ledgerAndPayouts,
  '010_account_deletion': accountDeletion,
  '011_content_checks': contentChecks,
  '012_job_claims': jobClaims,
  '013_catalog_version': catalogVersion,
  '014_take_stock': takeStock,
}

/** PostgreSQL's schema in use, so the migrator keeps its own tables there: without it, Kysely
 *  takes another schema's migration tables (a parallel test run's) for ours. Null on SQLite. */
async function currentSchema(db: Kysely<any>): Promise<string | null> {
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
    return rows[0]?.schema ?? null
  } catch {
    return null
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const schema = await currentSchema(db)
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`)
  }
}
