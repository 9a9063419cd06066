import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB, UserTable } from '../../db/schema'
import { newId } from '../../ids'
import type { Farmer, NewFarmerInput } from '../../contract/listings'
import type { TextChecks } from '../content/text-checks'

/* The farmers of a village, as its cun xiao'er keeps them: many have no phone, so the
   operator creates their profile and lists for them. */

export type FarmerView = Farmer

export async function listVillageFarmers(db: Kysely<DB>, villageId: string): Promise<FarmerView[]> {
  const rows = await db
    .selectFrom('farmers')
    .leftJoin('users', 'users.farmerId', 'farmers.id')
    .select(['farmers.id', 'farmers.name', 'farmers.phone', 'farmers.villageId', 'farmers.nameCheck', 'users.id as userId'])
    .where('farmers.villageId', '=', villageId)
    // A deleted farmer's row stays for the records that point at it, but she is no longer the village's.
    .where('farmers.deletedAt', 'is', null)
    .orderBy('farmers.name')
    .orderBy('farmers.id')
    .execute()
  return rows.map(({ userId, nameCheck, ...farmer }) => ({ ...farmer, hasAccount: userId !== null, ...(nameCheck !== 'pass' ? { nameCheck } : {}) }))
}

/** The name is checked with WeChat as the operator's text (he typed it; buyers read it). */
export async function addFarmer(deps: { db: Kysely<DB>; clock: Clock; text: TextChecks }, operator: UserTable, input: NewFarmerInput): Promise<FarmerView> {
  const name = input.name.trim()
  const { check } = await deps.text.check(operator, { name })
  const farmer = { id: newId('frm'), villageId: operator.villageId!, name, phone: input.phone ?? null, nameCheck: check, createdAt: deps.clock().toISOString() }
  await deps.db.insertInto('farmers').values(farmer).execute()
  return { id: farmer.id, name: farmer.name, phone: farmer.phone, villageId: farmer.villageId, hasAccount: false, ...(check !== 'pass' ? { nameCheck: check } : {}) }
}
