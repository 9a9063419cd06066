/*
 * Deleted accounts (migration 010). Conventions as in schema.ts.
 */

/** 'own_request': the person deleted their own account on 我的; 'farmer_request': the cun
 *  xiao'er deleted a phoneless farmer's record because she asked him to. */
export type DeletionReason = 'own_request' | 'farmer_request'

/** One deletion, recorded without the erased data: whose row, who did it, why, when. */
export interface AccountDeletionTable {
  id: string
  userId: string | null
  farmerId: string | null
  actorUserId: string
  reason: DeletionReason
  at: string
}

export interface PrivacyTables {
  accountDeletions: AccountDeletionTable
}
