import { type Static, Type } from '@sinclair/typebox'
import { OFFLINE_REFERENCE_MAX_LENGTH, PAYOUT_RUN_STATUSES, PAYOUT_STATUSES } from '../../src/domain/payouts'
import { literals, Strict } from './common'

/* Payout runs and payouts (商家转账 or cash at the service center): src/domain/payouts.ts. */

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const Payout = Type.Object({
  id: Type.String(),
  runId: Type.String(),
  payeeKind: literals(['farmer', 'operator'] as const),
  payeeId: Type.String(),
  payeeName: Type.String(),
  amountFen: Type.Integer(),
  status: literals(PAYOUT_STATUSES),
  method: literals(['wechat', 'offline'] as const),
  transferBillNo: Nullable(Type.String()),
  /** While awaiting_confirmation: what the payee's wx.requestMerchantTransfer opens. */
  packageInfo: Nullable(Type.String()),
  failReason: Nullable(Type.String()),
  offlineReference: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
  approvedBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
})
export type Payout = Static<typeof Payout>

export const PayoutRun = Type.Object({
  id: Type.String(),
  status: literals(PAYOUT_RUN_STATUSES),
  totalFen: Type.Integer(),
  payeeCount: Type.Integer(),
  createdBy: Type.String(),
  /** The clerks' names, so the page can say who drew the run up and who decided it. */
  createdByName: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  payouts: Type.Array(Payout),
})
export type PayoutRun = Static<typeof PayoutRun>

/** GET /my/payouts: the payee's payouts, and what wx.requestMerchantTransfer needs besides the package. */
export const MyPayouts = Type.Object({ items: Type.Array(Payout), mchId: Nullable(Type.String()), appId: Nullable(Type.String()) })
export type MyPayouts = Static<typeof MyPayouts>

/** GET /farmers/:id/payouts: a farmer's payouts for her village's cun xiao'er (no package to confirm). */
export const FarmerPayouts = Type.Object({ items: Type.Array(Payout) })
export type FarmerPayouts = Static<typeof FarmerPayouts>

/** POST /payouts/:id/record-offline: cash handed over or a bank transfer made, and its reference. */
export const OfflineRecordInput = Type.Object({ reference: Type.String({ minLength: 1, maxLength: OFFLINE_REFERENCE_MAX_LENGTH, pattern: '\\S'}) }, Strict)
