import type { Kysely } from 'kysely'
import type { KeyedPosting } from '../../../src/domain/order-ledger'
import type { DB } from '../../db/schema'
import { newId } from '../../ids'

/* Writes one posting under its key, once: a key already written is left as it is (the same
   event written again, by a retry or a second process, adds nothing). Returns whether it wrote. */
export async function writePosting(tx: Kysely<DB>, posting: KeyedPosting, refs: { countyId: string; orderId?: string; payoutId?: string }, now: string): Promise<boolean> {
  if (posting.entries.length === 0) return false
  const id = newId('lpo')
  const inserted = await tx
    .insertInto('ledgerPostings')
    .values({ id, key: posting.key, event: posting.event, countyId: refs.countyId, orderId: refs.orderId ?? null, payoutId: refs.payoutId ?? null, at: posting.at, createdAt: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false
  await tx
    .insertInto('ledgerEntries')
    .values(posting.entries.map((e, line) => ({ postingId: id, line, account: e.account, holderId: e.holderId, amountFen: e.amountFen, countyId: refs.countyId, at: posting.at })))
    .execute()
  return true
}
