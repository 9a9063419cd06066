/*
 * The money's tables (migration 009): the ledger, payout runs and payouts, and the outbox of
 * WeChat shipping uploads. Conventions as in schema.ts.
 */
import type { Generated } from 'kysely'
import type { JobClaim } from './schema-jobs'
import type { AccountKind, LedgerEvent } from '../../src/domain/ledger'
import type { PayoutRunStatus, PayoutStatus } from '../../src/domain/payouts'

export interface LedgerPostingTable {
  id: string
  /** Unique: the event it writes, named so the same event is never written twice (order-ledger.ts). */
  key: string
  event: LedgerEvent
  countyId: string
  orderId: string | null
  payoutId: string | null
  at: string
  createdAt: string
}

export interface LedgerEntryTable {
  postingId: string
  line: number
  account: AccountKind
  holderId: string
  amountFen: number
  countyId: string
  at: string
}

export interface PayoutRunTable {
  id: string
  countyId: string
  status: PayoutRunStatus
  totalFen: number
  payeeCount: number
  createdBy: string
  decidedBy: string | null
  decidedAt: string | null
  createdAt: string
  updatedAt: string
}

export type PayeeKind = 'farmer' | 'operator'
export type PayoutMethod = 'wechat' | 'offline'

export interface PayoutTable {
  id: string
  runId: string
  countyId: string
  payeeKind: PayeeKind
  /** A farmer's id, or an operator's user id. */
  payeeId: string
  amountFen: number
  status: PayoutStatus
  method: PayoutMethod
  outBillNo: string
  transferBillNo: string | null
  packageInfo: string | null
  failReason: string | null
  offlineReference: string | null
  recordedBy: string | null
  approvedBy: string | null
  attempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
  endedAt: string | null
}

/** The outbox of WeChat shipping information: one row per WeChat-paid order handed over. */
export interface ShippingUploadTable {
  id: string
  orderId: string
  status: 'pending' | 'sent' | 'failed'
  attempts: Generated<number>
  lastError: string | null
  nextAttemptAt: string
  sentAt: string | null
  createdAt: string
}

export interface MoneyTables {
  ledgerPostings: LedgerPostingTable
  ledgerEntries: LedgerEntryTable
  payoutRuns: PayoutRunTable
  payouts: PayoutTable & JobClaim
  shippingUploads: ShippingUploadTable
}
