import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import { ServiceError, validationFailed } from '../service-error'

/* Idempotency-Key for POST /orders (API.md): a buyer on a train loses the answer to "place my
   order" and taps again. Keys are the buyer's own; the first request with a key claims it, and
   the answer it gave is kept with it for at least 24 hours, so a replay of the same request gets
   the same answer. Another request under a used key is refused (422); a replay while the first
   still runs is told to wait (409). A claim whose request died with its process is taken over
   after a while. */

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const KEEP_KEYS_HOURS = 48
const ABANDONED_AFTER_MS = 2 * 60_000
const RELEASE_RETRY_MS = 500

/** A claim is known by its `updatedAt`: one taken over since has another. */
export type Claim = { kind: 'claimed'; at: string } | { kind: 'replay'; orderId: string; responseBody: string | null }

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

export async function claimKey(db: Kysely<DB>, clock: Clock, buyerId: string, key: string, hash: string): Promise<Claim> {
  const now = clock().toISOString()
  const inserted = await db
    .insertInto('idempotencyKeys')
    .values({ buyerId, key, requestHash: hash, orderId: null, responseBody: null, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['buyerId', 'key']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed', at: now }

  const existing = await db.selectFrom('idempotencyKeys').selectAll().where('buyerId', '=', buyerId).where('key', '=', key).executeTakeFirst()
  if (!existing) return claimKey(db, clock, buyerId, key, hash) // released in between: try again
  if (existing.requestHash !== hash) {
    throw new ServiceError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different order; use a new key for a new order')
  }
  if (existing.orderId !== null) return { kind: 'replay', orderId: existing.orderId, responseBody: existing.responseBody }
  const abandoned = clock().getTime() - Date.parse(existing.updatedAt) > ABANDONED_AFTER_MS
  if (abandoned) {
    const taken = await db
      .updateTable('idempotencyKeys')
      .set({ updatedAt: now })
      .where('buyerId', '=', buyerId)
      .where('key', '=', key)
      .where('updatedAt', '=', existing.updatedAt)
      .where('orderId', 'is', null)
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) === 1) return { kind: 'claimed', at: now }
  }
  throw new ServiceError('IDEMPOTENCY_IN_PROGRESS', 'this order is still being placed; ask again in a moment')
}

/** Inside the order's transaction: the key is bound to the order, or neither exists. */
export async function completeKey(tx: Kysely<DB>, clock: Clock, buyerId: string, key: string, orderId: string): Promise<void> {
  await tx.updateTable('idempotencyKeys').set({ orderId, updatedAt: clock().toISOString() }).where('buyerId', '=', buyerId).where('key', '=', key).execute()
}

/** The first answer, kept once: a replay racing the first request never overwrites it. */
export async function keepResponse(db: Kysely<DB>, clock: Clock, buyerId: string, key: string, responseBody: string): Promise<void> {
  await db.updateTable('idempotencyKeys').set({ responseBody, updatedAt: clock().toISOString() }).where('buyerId', '=', buyerId).where('key', '=', key).where('responseBody', 'is', null).execute()
}

/** The request failed: the key is free again, so the buyer can retry it once stock or input allow.
 *  Only this request's claim: never one another process has taken over since. */
export async function releaseKey(db: Kysely<DB>, buyerId: string, key: string, claimedAt: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('buyerId', '=', buyerId).where('key', '=', key).where('orderId', 'is', null).where('updatedAt', '=', claimedAt).execute()
}

/** The release failed as well, the database being away: it is tried again until the database
 *  is back, so the buyer's retry is placed then, not told "still being placed" until the claim
 *  counts as abandoned. Never rejects: nobody waits for it. */
export function releaseKeyLater(db: Kysely<DB>, buyerId: string, key: string, claimedAt: string): void {
  const giveUpAt = Date.now() + ABANDONED_AFTER_MS
  const attempt = () =>
    void releaseKey(db, buyerId, key, claimedAt).catch(() => {
      if (Date.now() < giveUpAt) setTimeout(attempt, RELEASE_RETRY_MS).unref()
    })
  setTimeout(attempt, RELEASE_RETRY_MS).unref()
}

export async function purgeOldKeys(db: Kysely<DB>, clock: Clock): Promise<number> {
  const before = new Date(clock().getTime() - KEEP_KEYS_HOURS * 3600_000).toISOString()
  const result = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
