import type { Kysely, SelectQueryBuilder } from 'kysely'
import { checkSecondPerson, payoutStatusForTransfer } from '../../../src/domain/payouts'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import { withClaims } from '../../db/job-claims'
import type { DB, UserTable } from '../../db/schema'
import type { PayoutTable } from '../../db/schema-money'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { forbidden, notFound, ServiceError } from '../service-error'
import { movePayout } from './move-payout'
import { clerkOf, withPayeeNames } from './payout-runs'
import type { TransferProvider, TransferResult } from './transfer-provider'

/* Payouts on their way: the jobs send each approved WeChat payout as a transfer bill under its
   fixed number and follow it to its end; WeChat Pay's notification ends it sooner. A send whose
   answer was lost is looked up by its number before anything is sent again, and the same number
   sent again is the same bill, so no payout is ever paid twice. Cash payouts are recorded by one
   clerk and approved by another. */

export interface PayoutSendingDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  transfers: TransferProvider | null
}

/** An unconfirmed bill is asked after once an hour; WeChat closes it after 24 hours unconfirmed. */
const CONFIRMATION_CHECK_MS = 3600_000

export class PayoutMismatch extends Error {}

async function settle(deps: PayoutSendingDeps, payout: PayoutTable, result: TransferResult): Promise<void> {
  await writeTransaction(deps.db, deps.dialect, async (tx) => {
    const now = deps.clock().toISOString()
    const current = await tx.selectFrom('payouts').selectAll().where('id', '=', payout.id).executeTakeFirstOrThrow()
    if (result.state === 'awaiting_confirmation' || result.state === 'paid' || result.state === 'returned') {
      if (current.status === result.state) {
        // Still waiting for the payee: asked after again in an hour, not on every round.
        await tx.updateTable('payouts').set({ updatedAt: now }).where('id', '=', payout.id).where('status', '=', current.status).execute()
        return
      }
      await movePayout(tx, current, result.state, now, { transferBillNo: result.transferBillNo, packageInfo: result.packageInfo, failReason: result.failReason })
      return
    }
    const error = 'error' in result ? result.error : result.state === 'working' ? 'WeChat Pay is still working on it' : 'not found at WeChat Pay'
    await tx.updateTable('payouts').set({ attempts: current.attempts + 1, lastError: error, updatedAt: now }).where('id', '=', payout.id).where('status', '=', current.status).execute()
  })
}

/** One round of the jobs: sends what is approved, and asks after what is not yet final. */
export async function sendDuePayouts(deps: PayoutSendingDeps): Promise<number> {
  const { transfers } = deps
  if (!transfers) return 0
  const now = deps.clock()
  const askAfter = new Date(now.getTime() - CONFIRMATION_CHECK_MS).toISOString()
  const dueNow = (query: SelectQueryBuilder<DB, 'payouts', object>) =>
    query.where('method', '=', 'wechat').where((eb) => eb.or([eb('status', '=', 'sending'), eb.and([eb('status', '=', 'awaiting_confirmation'), eb('updatedAt', '<=', askAfter)])]))
  // Claimed (db/job-claims.ts): one process sends or asks after each payout in a round.
  return withClaims(deps.db, 'payouts', now, 50, (query) => dueNow(query).orderBy('updatedAt'), async (claimed) => {
    if (claimed.length === 0) return 0
    return sendOrFollow(deps, transfers, await dueNow(deps.db.selectFrom('payouts')).selectAll().where('id', 'in', claimed).orderBy('updatedAt').execute())
  })
}

async function sendOrFollow(deps: PayoutSendingDeps, transfers: TransferProvider, due: PayoutTable[]): Promise<number> {
  let done = 0
  for (const payout of due) {
    let result: TransferResult
    if (payout.status === 'sending' && payout.attempts === 0) {
      const payee = await payeeOf(deps.db, payout)
      result = await transfers.send({ outBillNo: payout.outBillNo, openid: payee.openid, amountFen: payout.amountFen, remark: remarkOf(payout), userName: null })
      // Refused outright: was anything made under this number? Only WeChat Pay can say.
      if (result.state === 'refused') {
        const found = await transfers.query(payout.outBillNo)
        result = found.state === 'not_found' ? { state: 'returned', transferBillNo: null, packageInfo: null, failReason: result.error } : found
      }
    } else {
      // Asked before sending again: an earlier send may have gone through with its answer lost.
      result = await transfers.query(payout.outBillNo)
      if (result.state === 'not_found' && payout.status === 'sending') {
        const payee = await payeeOf(deps.db, payout)
        result = await transfers.send({ outBillNo: payout.outBillNo, openid: payee.openid, amountFen: payout.amountFen, remark: remarkOf(payout), userName: null })
      }
    }
    await settle(deps, payout, result)
    done++
  }
  return done
}

/** What the payee reads on the transfer in WeChat. */
const remarkOf = (payout: PayoutTable) => (payout.payeeKind === 'farmer' ? '乡集农产品货款' : '乡集服务佣金')

async function payeeOf(db: Kysely<DB>, payout: PayoutTable): Promise<{ openid: string | null }> {
  const user = await db
    .selectFrom('users')
    .select('wechatOpenid')
    .where(payout.payeeKind === 'farmer' ? 'farmerId' : 'id', '=', payout.payeeId)
    .where('wechatOpenid', 'is not', null)
    .executeTakeFirst()
  return { openid: user?.wechatOpenid ?? null }
}

/** WeChat Pay's MCHTRANSFER notification: the bill's end, for the payout under that number. */
export async function applyTransferNotice(deps: PayoutSendingDeps, notice: { outBillNo: string; transferBillNo: string; state: string; amountFen: number; failReason: string | null }): Promise<void> {
  const payout = await deps.db.selectFrom('payouts').selectAll().where('outBillNo', '=', notice.outBillNo).executeTakeFirst()
  if (!payout) throw new PayoutMismatch(`no payout ${notice.outBillNo}`)
  if (payout.amountFen !== notice.amountFen) throw new PayoutMismatch(`transferred ${notice.amountFen} fen, expected ${payout.amountFen}`)
  const status = payoutStatusForTransfer(notice.state)
  if (status === null) return
  await settle(deps, payout, { state: status as 'paid' | 'returned' | 'awaiting_confirmation', transferBillNo: notice.transferBillNo || null, packageInfo: null, failReason: notice.failReason })
}

async function offlineStep(deps: PayoutSendingDeps, user: UserTable, payoutId: string, step: (payout: PayoutTable, clerk: { userId: string; countyId: string }, now: string, tx: WriteTx) => Promise<boolean>): Promise<PayoutTable & { payeeName: string }> {
  const clerk = clerkOf(user)
  await writeTransaction(deps.db, deps.dialect, async (tx) => {
    const payout = await tx.selectFrom('payouts').selectAll().where('id', '=', payoutId).executeTakeFirst()
    if (!payout || payout.countyId !== clerk.countyId) throw notFound('payout')
    if (!(await step(payout, clerk, deps.clock().toISOString(), tx))) throw new ServiceError('INVALID_TRANSITION', 'this payout changed meanwhile', { from: payout.status })
  })
  const [named] = await withPayeeNames(deps.db, [await deps.db.selectFrom('payouts').selectAll().where('id', '=', payoutId).executeTakeFirstOrThrow()])
  return named
}

export function createOfflinePayouts(deps: PayoutSendingDeps) {
  return {
    /** Cash at the service center or a bank transfer, with its reference: waits for a second clerk. */
    record: (user: UserTable, payoutId: string, reference: string) =>
      offlineStep(deps, user, payoutId, (payout, clerk, now, tx) => movePayout(tx, payout, 'awaiting_offline_approval', now, { offlineReference: reference, recordedBy: clerk.userId })),
    approve: (user: UserTable, payoutId: string) =>
      offlineStep(deps, user, payoutId, async (payout, clerk, now, tx) => {
        const second = checkSecondPerson({ userId: payout.recordedBy ?? '', countyId: payout.countyId }, clerk)
        if (!second.ok) throw forbidden(second.message)
        return movePayout(tx, payout, 'paid', now, { approvedBy: clerk.userId })
      }),
  }
}

const payoutsOfPayee = async (db: Kysely<DB>, payeeId: string) =>
  withPayeeNames(db, await db.selectFrom('payouts').selectAll().where('payeeId', '=', payeeId).where('status', '!=', 'withdrawn').orderBy('createdAt', 'desc').limit(50).execute())

/** A payee's own payouts, newest first: those waiting for her to confirm in WeChat carry the package to open. */
export async function payoutsOf(db: Kysely<DB>, user: UserTable): Promise<Array<PayoutTable & { payeeName: string }>> {
  const payeeId = user.role === 'farmer' ? user.farmerId : user.id
  if (!payeeId) return []
  return payoutsOfPayee(db, payeeId)
}

/** A farmer's payouts as her village's cun xiao'er reads them (her printed statement shows the cash
 *  ones with their reference). The package that opens WeChat's confirm sheet is for her alone. */
export async function payoutsOfFarmer(db: Kysely<DB>, farmerId: string): Promise<Array<PayoutTable & { payeeName: string }>> {
  return (await payoutsOfPayee(db, farmerId)).map((payout) => ({ ...payout, packageInfo: null }))
}
