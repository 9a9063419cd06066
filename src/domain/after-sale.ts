/**
 * After-sale cases (售后): a problem with the goods of one order line, reported by the buyer or
 * recorded by county staff at the pickup desk, and decided by county staff: part or all of the
 * line refunded, or no refund with a reason. A case is decided once; its refund is money that
 * leaves the county's account, so the amounts below are the only ones the server will send.
 */
import { shareOfFen, type Fen } from './money'
import type { OrderStatus } from './order-status'
import { defineStateMachine, type Refusal, type TransitionTable } from './state-machine'

export const CASE_KINDS = ['short_weight', 'damaged', 'wrong_item', 'spoiled'] as const
export type CaseKind = (typeof CASE_KINDS)[number]

/** The words the buyer, the farmer and the desk see for each kind. */
export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  short_weight: '缺斤少两',
  damaged: '破损',
  wrong_item: '发错货',
  spoiled: '变质',
}

export const CASE_STATUSES = ['reported', 'refunded', 'declined'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_TRANSITIONS: TransitionTable<CaseStatus> = {
  // Decided once: a second look at the same problem is a new case, with its own record.
  reported: ['refunded', 'declined'],
  refunded: [],
  declined: [],
}

export const caseStatusMachine = defineStateMachine({ name: 'case', transitions: CASE_TRANSITIONS })

/** What the reporter may write and show with a case; the API's schema and the form read these. */
export const CASE_NOTE_MAX_LENGTH = 500
export const CASE_PHOTOS_MAX = 6
/** The reason county staff give the buyer for refunding nothing. */
export const CASE_DECLINE_REASON_MAX_LENGTH = 200

export function isCaseKind(value: unknown): value is CaseKind {
  return typeof value === 'string' && (CASE_KINDS as readonly string[]).includes(value)
}

/**
 * 24 hours after pickup: long enough to open the box at home and weigh the lamb, short enough
 * that the farmer is not answering for goods kept a week in a warm kitchen.
 */
export const CASE_REPORT_WINDOW_HOURS = 24
const WINDOW_MS = CASE_REPORT_WINDOW_HOURS * 3600_000

export type CaseReporter = 'buyer' | 'county_staff'

export type CaseReportRefusalReason = 'case.not_picked_up' | 'case.not_at_desk' | 'case.window_closed'

export type CaseReportDecision = { ok: true } | Refusal<CaseReportRefusalReason>

/**
 * Whether a problem may be reported on this order now. County staff see the goods before the
 * buyer does, so they may record one from the moment the order waits at their desk ("before or
 * at hand-over"), and, like the buyer, up to 24 hours after pickup (the buyer came back to the
 * desk with the bag). The buyer reports only goods they have taken home.
 */
export function canReportCase(orderStatus: OrderStatus, pickedUpAt: string | null, now: Date, reporter: CaseReporter): CaseReportDecision {
  if (reporter === 'county_staff' && orderStatus === 'ready_for_pickup') return { ok: true }
  if (orderStatus !== 'picked_up' || pickedUpAt === null) {
    return reporter === 'buyer'
      ? { ok: false, reason: 'case.not_picked_up', message: 'A problem with the goods is reported after picking them up' }
      : { ok: false, reason: 'case.not_at_desk', message: 'Only an order waiting at the desk or picked up can have a problem recorded' }
  }
  if (now.getTime() - Date.parse(pickedUpAt) > WINDOW_MS) {
    return { ok: false, reason: 'case.window_closed', message: `Problems are reported within ${CASE_REPORT_WINDOW_HOURS} hours of pickup` }
  }
  return { ok: true }
}

/**
 * What may still be refunded on a line: its goods less what its cases already refunded, and never
 * more than is left of the payment (an order refunded whole by an admin has nothing left).
 */
export function refundableOnLine(lineTotalFen: Fen, refundedOnLineFen: Fen, paymentLeftFen: Fen = Number.MAX_SAFE_INTEGER): Fen {
  return Math.max(0, Math.min(lineTotalFen - refundedOnLineFen, paymentLeftFen))
}

export type CaseRefundRefusalReason = 'case.refund_zero' | 'case.refund_too_large'

/** A refund of at least one fen and at most what is refundable on the line. */
export function checkCaseRefund(refundFen: Fen, refundableFen: Fen): { ok: true } | Refusal<CaseRefundRefusalReason> {
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) {
    return { ok: false, reason: 'case.refund_zero', message: 'A refund is at least one fen; decline the case to refund nothing' }
  }
  if (refundFen > refundableFen) {
    return { ok: false, reason: 'case.refund_too_large', message: `At most ${refundableFen} fen is left to refund on this line` }
  }
  return { ok: true }
}

/**
 * The commission to take back for a refund on a line, in proportion to the refunded part. It is
 * the difference of the proportional share after and before this refund, so however a line's
 * refunds are split, their reversals add up to the share of all of them (one rounding, not one
 * per refund) and never exceed the commission credited.
 */
export function commissionReversalFor(refundFen: Fen, refundedBeforeFen: Fen, lineTotalFen: Fen, commissionFen: Fen): Fen {
  if (lineTotalFen === 0) return 0
  const after = shareOfFen(commissionFen, Math.min(lineTotalFen, refundedBeforeFen + refundFen), lineTotalFen)
  const before = shareOfFen(commissionFen, Math.min(lineTotalFen, refundedBeforeFen), lineTotalFen)
  return after - before
}
