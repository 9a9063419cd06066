import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/* Which version of the catalog this process has seen (migration 013 bumps it in every write to
   what a catalog or listing answer shows). Asked of the database at most once per `recheckMs`,
   however many requests arrive meanwhile, so a change made through any process shows here
   within that time; 0 asks on every call. */

export interface CatalogVersion {
  current(): Promise<number>
}

export function createCatalogVersion(db: Kysely<DB>, recheckMs: number): CatalogVersion {
  let known = -1
  let askedAt = -Infinity
  let asking: Promise<number> | null = null

  async function ask(): Promise<number> {
    const startedAt = performance.now()
    const row = await db.selectFrom('catalogVersions').select((eb) => eb.fn.sum<number | string>('version').as('version')).executeTakeFirstOrThrow()
    // PostgreSQL sums a bigint into a string.
    known = Number(row.version ?? 0)
    askedAt = startedAt
    return known
  }

  return {
    current() {
      if (recheckMs <= 0) return ask()
      if (performance.now() - askedAt < recheckMs) return Promise.resolve(known)
      asking ??= ask().finally(() => (asking = null))
      return asking
    },
  }
}
