import type { Kysely } from 'kysely'
import { DELETED_PERSON_NAME } from '../../../src/domain/account-deletion'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, UserTable } from '../../db/schema'
import { writeTransaction } from '../../db/write-transaction'
import { newId } from '../../ids'
import type { PhotoStorage } from '../../storage/photo-storage'
import { ServiceError, notFound } from '../service-error'
import { anonymiseFarmer, erasePhotos, forgetContentCheckAuthor, recordDeletion, refuseWhileUnderWay, removeUnusedPhotoFiles, withdrawListingsOf } from './account-erasure'

/* 注销账号 (PIPL art. 47). A user deletes their own account; a cun xiao'er deletes the record of a
   farmer without an account of her own, at her request. Either is one write transaction: checked
   (nothing under way: src/domain/account-deletion.ts), listings withdrawn, photos, sessions and
   WeChat's session key gone, name, phone and openid erased, the deletion recorded. */

export interface AccountDeletionDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  storage: PhotoStorage
}

export function createAccountDeletion(deps: AccountDeletionDeps) {
  const { db, dialect, clock } = deps

  async function deleteOwnAccount(user: UserTable): Promise<void> {
    const fileKeys = await writeTransaction(db, dialect, async (tx) => {
      const now = clock().toISOString()
      // Read again inside the transaction: a second tap finds it gone and changes nothing.
      const fresh = await tx.selectFrom('users').selectAll().where('id', '=', user.id).where('deletedAt', 'is', null).executeTakeFirst()
      if (!fresh) throw new ServiceError('UNAUTHENTICATED', 'this account was deleted')
      const farmerId = fresh.farmerId ?? undefined
      // Her listings first: withdrawing takes their rows' locks, so an order taking their stock at
      // this moment has either committed (and is seen below) or will find them withdrawn. A
      // refusal below rolls the withdrawal back with everything else.
      if (farmerId) await withdrawListingsOf(tx, farmerId, fresh.id, 'own_request', now)
      await refuseWhileUnderWay(tx, { buyerId: fresh.id, farmerId, holderIds: farmerId ? [fresh.id, farmerId] : [fresh.id] })
      const keys = await erasePhotos(tx, { uploadedBy: fresh.id, farmerId })
      // Sign-ins end now: every token of the account, and WeChat's session key.
      await tx.deleteFrom('sessions').where('userId', '=', fresh.id).execute()
      await tx.deleteFrom('wechatSessions').where('userId', '=', fresh.id).execute()
      // Kept 48 hours for replays, they hold copies of the buyer's orders: nothing left to replay.
      await tx.deleteFrom('idempotencyKeys').where('buyerId', '=', fresh.id).execute()
      // What the person wrote about a problem is theirs; the case's kind, decision and refund stay in the books.
      await tx.updateTable('afterSaleCases').set({ note: '', updatedAt: now }).where('reportedBy', '=', fresh.id).execute()
      await forgetContentCheckAuthor(tx, fresh.wechatOpenid)
      await tx.updateTable('users').set({ name: DELETED_PERSON_NAME, wechatOpenid: null, deletedAt: now }).where('id', '=', fresh.id).execute()
      if (farmerId) await anonymiseFarmer(tx, farmerId, now)
      await recordDeletion(tx, { id: newId('del'), userId: fresh.id, farmerId: farmerId ?? null, actorUserId: fresh.id, reason: 'own_request', at: now })
      return keys
    })
    await removeUnusedPhotoFiles(db, deps.storage, fileKeys)
  }

  /** A farmer of the operator's own village with no account of her own (any other: 404, as if
   *  she were not there; one with an account deletes it herself on 我的: 409). */
  async function deleteFarmerRecord(operator: UserTable, farmerId: string): Promise<{ farmerId: string; deletedAt: string }> {
    let deletedAt = ''
    const fileKeys = await writeTransaction(db, dialect, async (tx) => {
      const now = clock().toISOString()
      const farmer = await tx.selectFrom('farmers').select(['id', 'villageId']).where('id', '=', farmerId).where('deletedAt', 'is', null).executeTakeFirst()
      if (!farmer || farmer.villageId !== operator.villageId) throw notFound('farmer')
      const account = await tx.selectFrom('users').select('id').where('farmerId', '=', farmerId).where('deletedAt', 'is', null).executeTakeFirst()
      if (account) throw new ServiceError('CONFLICT', 'this farmer has her own account: she deletes it herself, on 我的', { reason: 'farmer.has_account' })
      // Listings first, as in deleteOwnAccount: an order racing for their stock is seen or refused.
      await withdrawListingsOf(tx, farmerId, operator.id, 'farmer_request', now)
      await refuseWhileUnderWay(tx, { farmerId, holderIds: [farmerId] })
      const keys = await erasePhotos(tx, { farmerId })
      await anonymiseFarmer(tx, farmerId, now)
      await recordDeletion(tx, { id: newId('del'), userId: null, farmerId, actorUserId: operator.id, reason: 'farmer_request', at: now })
      deletedAt = now
      return keys
    })
    await removeUnusedPhotoFiles(db, deps.storage, fileKeys)
    return { farmerId, deletedAt }
  }

  return { deleteOwnAccount, deleteFarmerRecord }
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>
