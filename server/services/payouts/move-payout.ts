import { payoutRunStatusMachine, payoutStatusMachine, type PayoutRunStatus, type PayoutStatus } from '../../../src/domain/payouts'
import { payoutPaid, payoutReturned, payoutSent } from '../../../src/domain/ledger'
import type { WriteTx } from '../../db/write-transaction'
import type { PayoutTable } from '../../db/schema-money'
import { writePosting } from '../ledger/postings'

/* The one way a payout's or a run's status is written: the machine's table first
   (src/domain/payouts.ts), then a conditional update from the status the caller saw, and with a
   payout's move the ledger posting it makes (sent: out of payable; paid; returned: payable again),
   once, in the same transaction. Returns whether this call moved it. */

export async function movePayout(tx: WriteTx, payout: PayoutTable, to: PayoutStatus, now: string, changes: Partial<Pick<PayoutTable, 'transferBillNo' | 'packageInfo' | 'failReason' | 'offlineReference' | 'recordedBy' | 'approvedBy'>> = {}): Promise<boolean> {
  const { from } = payoutStatusMachine.assertTransition(payout.status, to)
  const ended = payoutStatusMachine.isTerminal(to)
  const moved = await tx
    .updateTable('payouts')
    .set({ ...changes, status: to, updatedAt: now, ...(ended ? { endedAt: now } : {}) })
    .where('id', '=', payout.id)
    .where('status', '=', from)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) return false
  const money = { payeeKind: payout.payeeKind, payeeId: payout.payeeId, amountFen: payout.amountFen }
  const posting = from === 'drafted' && to !== 'withdrawn' ? payoutSent(money) : to === 'paid' ? payoutPaid(money) : to === 'returned' ? payoutReturned(money) : null
  if (posting) await writePosting(tx, { ...posting, key: `payout:${payout.id}:${posting.event}`, at: now }, { countyId: payout.countyId, payoutId: payout.id }, now)
  return true
}

export async function movePayoutRun(tx: WriteTx, runId: string, from: PayoutRunStatus, to: PayoutRunStatus, now: string, decidedBy: string): Promise<boolean> {
  payoutRunStatusMachine.assertTransition(from, to)
  const moved = await tx.updateTable('payoutRuns').set({ status: to, decidedBy, decidedAt: now, updatedAt: now }).where('id', '=', runId).where('status', '=', from).executeTakeFirst()
  return Number(moved.numUpdatedRows) === 1
}
