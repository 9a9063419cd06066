import type { YuanParseRefusal } from '../domain/money'
import type { ApiError } from './api-error'

/* Why a form or the pickup desk shows no result: a check made on the phone before anything was
   sent, or the server's refusal. The stores make them and src/strings words them, so they live
   here, below both: the words never import a store. */

/** Why a case report was not sent: a kind not chosen, a note too long, or the server's answer. */
export type CaseReportProblem = { kind: 'no-kind' } | { kind: 'note-too-long' } | { kind: 'refused'; error: ApiError }

/** Why a case decision was not sent: the refund amount or reason, or the server's answer. */
export type CaseDecisionProblem =
  | { kind: 'amount'; reason: YuanParseRefusal }
  | { kind: 'zero' }
  | { kind: 'too-large'; refundableFen: number }
  | { kind: 'no-reason' }
  | { kind: 'refused'; error: ApiError }

/** Why no order is shown at the desk: the server's refusal, a QR code that is not ours, or not six digits. */
export type DeskProblem = { kind: 'refused'; error: ApiError } | { kind: 'not-pickup-qr' } | { kind: 'code-format' }
