/* The county's money desk as the server sends it: payout runs and their payouts, and the orders
   whose shipping information WeChat keeps refusing. Types of the server's contract only (see ./types.ts). */
import type { OfflineReferenceRefusalReason } from '../domain/payouts'
import type { ApiError } from './api-error'

export type { Payout, PayoutRun } from '../../server/contract/payouts'
export type { StuckShippingUpload } from '../../server/contract/parcels'

/** Why a run was not drawn up, approved or rejected: nobody owed, a run still waiting, the
 *  clerk's own run (a second clerk approves it), or another refusal of the server. */
export type PayoutRunProblem = { kind: 'nothing-owed' } | { kind: 'run-waiting' } | { kind: 'second-clerk' } | { kind: 'refused'; error: ApiError }

/** Why a cash payout was not recorded or confirmed: the reference as typed, the clerk who recorded
 *  it (a second clerk confirms it), or the server's answer. */
export type OfflinePayoutProblem = { kind: 'reference'; reason: OfflineReferenceRefusalReason } | { kind: 'second-clerk' } | { kind: 'refused'; error: ApiError }
