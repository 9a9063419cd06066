import { type CaseStatus, caseStatusMachine } from '../../../src/domain/after-sale'
import type { AfterSaleCaseTable } from '../../db/schema'
import type { WriteTx } from '../../db/write-transaction'

/** What is written with a decision: the refund or the reason, who decided and when. */
export type CaseDecisionColumns = Partial<Pick<AfterSaleCaseTable, 'refundFen' | 'declineReason' | 'decidedBy' | 'decidedAt' | 'fault'>>

/** Moves one case from `from` to `to` only if nobody decided it first; true if this call did.
    The case machine's table is the gate, as for orders and parcels (moveOrder, moveParcel): a
    decided case is never decided again, whoever asks. */
export async function moveCase(tx: WriteTx, caseId: string, from: string, to: CaseStatus, now: string, columns: CaseDecisionColumns = {}): Promise<boolean> {
  const step = caseStatusMachine.assertTransition(from, to)
  const moved = await tx.updateTable('afterSaleCases').set({ ...columns, status: step.to, updatedAt: now }).where('id', '=', caseId).where('status', '=', step.from).executeTakeFirst()
  return Number(moved.numUpdatedRows) === 1
}
