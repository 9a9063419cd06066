import { createHash } from 'node:crypto'
import type { Kysely, QueryCreator } from 'kysely'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import { ServiceError, validationFailed } from '../service-error'

/* Idempotency-Key for POST /orders (API.md): a buyer on a train loses the answer to "place my
   order" and taps again. Keys are the buyer's own; the key is claimed in the order's own write
   transaction, bound to the order and given its answer there, so a refusal, an outage or a
   crash leaves neither key nor order, and a commit leaves both with the answer kept for at
   least 24 hours. A second request under the key waits for the first's transaction (SQLite's
   write lock, PostgreSQL's lock on the key's row) and then replays the same answer; another
   request under a used key is refused (422). A claim an older server committed before its order
   (it claimed in a transaction of its own) is waited for with a 409, and taken over once it is
   plainly abandoned. */

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const KEEP_KEYS_HOURS = 48
const ABANDONED_AFTER_MS = 2 * 60_000

export type Claim = { kind: 'claimed' } | { kind: 'replay'; orderId: string; responseBody: string | null }

export function checkIdempotencyKey(key: string | undefined): string {
  if (!key) throw validationFailed({ 'Idempotency-Key': 'is required' }, 'send an Idempotency-Key header, the same one when you retry')
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw validationFailed({ 'Idempotency-Key': 'must be 1 to 64 letters, digits, - or _' })
  return key
}

/** The same request hashes the same, however its JSON was spaced or its keys ordered. */
export function requestHash(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex')
}

/** First thing inside the order's write transaction `tx`. */
export async function claimKey(tx: Kysely<DB>, clock: Clock, buyerId: string, key: string, hash: string): Promise<Claim> {
  const now = clock().toISOString()
  const inserted = await tx
    .insertInto('idempotencyKeys')
    .values({ buyerId, key, requestHash: hash, orderId: null, responseBody: null, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['buyerId', 'key']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed' }

  const existing = await tx.selectFrom('idempotencyKeys').selectAll().where('buyerId', '=', buyerId).where('key', '=', key).executeTakeFirst()
  if (!existing) return claimKey(tx, clock, buyerId, key, hash) // purged in between: try again
  if (existing.requestHash !== hash) {
    throw new ServiceError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different order; use a new key for a new order')
  }
  if (existing.orderId !== null) return { kind: 'replay', orderId: existing.orderId, responseBody: existing.responseBody }
  // An older server's claim, committed before its order.
  if (clock().getTime() - Date.parse(existing.updatedAt) <= ABANDONED_AFTER_MS) {
    throw new ServiceError('IDEMPOTENCY_IN_PROGRESS', 'this order is still being placed; ask again in a moment')
  }
  await tx.updateTable('idempotencyKeys').set({ updatedAt: now }).where('buyerId', '=', buyerId).where('key', '=', key).execute()
  return { kind: 'claimed' }
}

/** A key bound to the order its request placed, with the answer that request is sent. */
export interface KeyBinding {
  buyerId: string
  key: string
  orderId: string
  responseBody: string
  at: string
}

/** The statement binding the key, run in the order's transaction with its rows (order-rows.ts). */
export function bindKey(db: QueryCreator<DB>, binding: KeyBinding) {
  return db.updateTable('idempotencyKeys').set({ orderId: binding.orderId, responseBody: binding.responseBody, updatedAt: binding.at }).where('buyerId', '=', binding.buyerId).where('key', '=', binding.key)
}

/** An answer an older server did not keep with its order, kept when first replayed. */
export async function keepResponse(tx: Kysely<DB>, clock: Clock, buyerId: string, key: string, responseBody: string): Promise<void> {
  await tx.updateTable('idempotencyKeys').set({ responseBody, updatedAt: clock().toISOString() }).where('buyerId', '=', buyerId).where('key', '=', key).where('responseBody', 'is', null).execute()
}

export async function purgeOldKeys(db: Kysely<DB>, clock: Clock): Promise<number> {
  const before = new Date(clock().getTime() - KEEP_KEYS_HOURS * 3600_000).toISOString()
  const result = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
