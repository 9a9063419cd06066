import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB, UserTable } from '../../db/schema'
import { newId } from '../../ids'
import type { Farmer, NewFarmerInput } from '../../contract/listings'

/* The farmers of a village, as its cun xiao'er keeps them: many have no phone, so the
   operator creates their profile and lists for them. */

export type FarmerView = Farmer

export async function listVillageFarmers(db: Kysely<DB>, villageId: string): Promise<FarmerView[]> {
  const rows = await db
    .selectFrom('farmers')
    .leftJoin('users', 'users.farmerId', 'farmers.id')
    .select(['farmers.id', 'farmers.name', 'farmers.phone', 'farmers.villageId', 'users.id as userId'])
    .where('farmers.villageId', '=', villageId)
    // A deleted farmer's row stays for the records that point at it, but she is no longer the village's.
    .where('farmers.deletedAt', 'is', null)
    .orderBy('farmers.name')
    .orderBy('farmers.id')
    .execute()
  return rows.map(({ userId, ...farmer }) => ({ ...farmer, hasAccount: userId !== null }))
}

export async function addFarmer(deps: { db: Kysely<DB>; clock: Clock }, operator: UserTable, input: NewFarmerInput): Promise<FarmerView> {
  const farmer = { id: newId('frm'), villageId: operator.villageId!, name: input.name.trim(), phone: input.phone ?? null, createdAt: deps.clock().toISOString() }
  await deps.db.insertInto('farmers').values(farmer).execute()
  return { id: farmer.id, name: farmer.name, phone: farmer.phone, villageId: farmer.villageId, hasAccount: false }
}
