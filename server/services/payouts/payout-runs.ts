import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { checkSecondPerson } from '../../../src/domain/payouts'
import { payoutAmountFen } from '../../../src/domain/settlement'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, UserTable } from '../../db/schema'
import type { PayoutMethod, PayoutRunTable, PayoutTable } from '../../db/schema-money'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { newId } from '../../ids'
import { payablesOfCounty } from '../ledger/ledger-reads'
import { forbidden, notFound, ServiceError } from '../service-error'
import { movePayout, movePayoutRun } from './move-payout'

/* Payout runs: a county clerk draws up everyone of the county owed at least the minimum
   (settlement.ts); a second clerk approves it (the four-eyes rule, payouts.ts), and only then
   does any money leave payable: each payout goes out by WeChat Pay (payout-sending.ts) or waits
   to be handed over at the service center. One run awaits approval at a time, so the same
   balance is never drawn up twice. */

export interface PayoutDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
}

export interface PayoutRunView {
  run: PayoutRunTable & { createdByName: string; decidedByName: string | null }
  payouts: Array<PayoutTable & { payeeName: string }>
}

const outBillNo = () => `XJ${randomBytes(12).toString('hex').toUpperCase()}`

/** The county clerk asking, or 403: only county staff handle payouts. */
export function clerkOf(user: UserTable): { userId: string; countyId: string } {
  if (user.role !== 'county_staff' || !user.countyId) throw forbidden('only county staff handle payouts')
  return { userId: user.id, countyId: user.countyId }
}

/** Whoever of the county can be reached in WeChat is paid there; the rest in cash at the center. */
async function methodsOf(tx: WriteTx, farmerIds: string[], operatorIds: string[]): Promise<Map<string, { method: PayoutMethod; name: string }>> {
  const out = new Map<string, { method: PayoutMethod; name: string }>()
  if (farmerIds.length > 0) {
    const farmers = await tx.selectFrom('farmers').leftJoin('users', 'users.farmerId', 'farmers.id').select(['farmers.id', 'farmers.name', 'users.wechatOpenid']).where('farmers.id', 'in', farmerIds).execute()
    for (const f of farmers) if (!out.get(f.id) || f.wechatOpenid) out.set(f.id, { method: f.wechatOpenid ? 'wechat' : 'offline', name: f.name })
  }
  if (operatorIds.length > 0) {
    const operators = await tx.selectFrom('users').select(['id', 'name', 'wechatOpenid']).where('id', 'in', operatorIds).execute()
    for (const o of operators) out.set(o.id, { method: o.wechatOpenid ? 'wechat' : 'offline', name: o.name })
  }
  return out
}

async function lockRun(tx: WriteTx, dialect: DialectName, runId: string): Promise<PayoutRunTable | undefined> {
  const query = tx.selectFrom('payoutRuns').selectAll().where('id', '=', runId)
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
}

/** Payouts with their payee's name, as county staff and payees read them. */
export async function withPayeeNames(db: Kysely<DB>, payouts: PayoutTable[]): Promise<Array<PayoutTable & { payeeName: string }>> {
  const names = await methodsOf(db, payouts.filter((p) => p.payeeKind === 'farmer').map((p) => p.payeeId), payouts.filter((p) => p.payeeKind === 'operator').map((p) => p.payeeId))
  return payouts.map((p) => ({ ...p, payeeName: names.get(p.payeeId)?.name ?? '' }))
}

export function createPayoutRuns(deps: PayoutDeps) {
  async function view(db: Kysely<DB>, run: PayoutRunTable): Promise<PayoutRunView> {
    const payouts = await db.selectFrom('payouts').selectAll().where('runId', '=', run.id).orderBy('payeeKind').orderBy('payeeId').execute()
    const clerks = new Map((await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [run.createdBy, run.decidedBy ?? run.createdBy]).execute()).map((u) => [u.id, u.name]))
    const named = { ...run, createdByName: clerks.get(run.createdBy) ?? '', decidedByName: run.decidedBy === null ? null : (clerks.get(run.decidedBy) ?? '') }
    return { run: named, payouts: await withPayeeNames(db, payouts) }
  }

  async function draft(user: UserTable): Promise<PayoutRunView> {
    const clerk = clerkOf(user)
    const run = await writeTransaction(deps.db, deps.dialect, async (tx) => {
      const now = deps.clock().toISOString()
      // The county's row, locked: two clerks drawing up at once make one run.
      const county = tx.selectFrom('counties').select('id').where('id', '=', clerk.countyId)
      await (deps.dialect === 'postgres' ? county.forUpdate() : county).executeTakeFirst()
      const waiting = await tx.selectFrom('payoutRuns').select('id').where('countyId', '=', clerk.countyId).where('status', '=', 'awaiting_approval').executeTakeFirst()
      if (waiting) throw new ServiceError('CONFLICT', 'a payout run of this county is still waiting for approval', { reason: 'payout.run_waiting', runId: waiting.id })
      const due = (await payablesOfCounty(tx, clerk.countyId)).map((p) => ({ ...p, amountFen: payoutAmountFen(p.payableFen) })).filter((p) => p.amountFen > 0)
      if (due.length === 0) throw new ServiceError('CONFLICT', 'nobody of this county is owed 0.10 yuan or more now', { reason: 'payout.nothing_owed' })
      const methods = await methodsOf(tx, due.filter((p) => p.payeeKind === 'farmer').map((p) => p.payeeId), due.filter((p) => p.payeeKind === 'operator').map((p) => p.payeeId))
      const row: PayoutRunTable = { id: newId('prun'), countyId: clerk.countyId, status: 'awaiting_approval', totalFen: due.reduce((s, p) => s + p.amountFen, 0), payeeCount: due.length, createdBy: clerk.userId, decidedBy: null, decidedAt: null, createdAt: now, updatedAt: now }
      await tx.insertInto('payoutRuns').values(row).execute()
      await tx
        .insertInto('payouts')
        .values(due.map((p) => ({ id: newId('pout'), runId: row.id, countyId: clerk.countyId, payeeKind: p.payeeKind, payeeId: p.payeeId, amountFen: p.amountFen, status: 'drafted' as const, method: methods.get(p.payeeId)?.method ?? 'offline', outBillNo: outBillNo(), transferBillNo: null, packageInfo: null, failReason: null, offlineReference: null, recordedBy: null, approvedBy: null, attempts: 0, lastError: null, createdAt: now, updatedAt: now, endedAt: null })))
        .execute()
      return row
    })
    return view(deps.db, run)
  }

  /** Approved by a second clerk: each payout's amount leaves payable, if it is still owed. */
  async function approve(user: UserTable, runId: string): Promise<PayoutRunView> {
    const clerk = clerkOf(user)
    const run = await writeTransaction(deps.db, deps.dialect, async (tx) => {
      const now = deps.clock().toISOString()
      const run = await lockRun(tx, deps.dialect, runId)
      if (!run || run.countyId !== clerk.countyId) throw notFound('payout run')
      const second = checkSecondPerson({ userId: run.createdBy, countyId: run.countyId }, clerk)
      if (!second.ok) throw forbidden(second.message)
      if (!(await movePayoutRun(tx, run.id, run.status, 'approved', now, clerk.userId))) throw new ServiceError('INVALID_TRANSITION', 'this run was decided meanwhile', { from: run.status, to: 'approved' })
      const payables = new Map((await payablesOfCounty(tx, run.countyId)).map((p) => [`${p.payeeKind}:${p.payeeId}`, p.payableFen]))
      for (const payout of await tx.selectFrom('payouts').selectAll().where('runId', '=', run.id).execute()) {
        // A refund since the run was drawn up may have taken part of it back: then it waits for the next run.
        const stillOwed = (payables.get(`${payout.payeeKind}:${payout.payeeId}`) ?? 0) >= payout.amountFen
        await movePayout(tx, payout, stillOwed ? (payout.method === 'wechat' ? 'sending' : 'to_hand_over') : 'withdrawn', now, { approvedBy: clerk.userId })
      }
      return { ...run, status: 'approved' as const, decidedBy: clerk.userId, decidedAt: now }
    })
    return view(deps.db, run)
  }

  async function reject(user: UserTable, runId: string): Promise<PayoutRunView> {
    const clerk = clerkOf(user)
    const run = await writeTransaction(deps.db, deps.dialect, async (tx) => {
      const now = deps.clock().toISOString()
      const run = await lockRun(tx, deps.dialect, runId)
      if (!run || run.countyId !== clerk.countyId) throw notFound('payout run')
      if (!(await movePayoutRun(tx, run.id, run.status, 'rejected', now, clerk.userId))) throw new ServiceError('INVALID_TRANSITION', 'this run was decided meanwhile', { from: run.status, to: 'rejected' })
      for (const payout of await tx.selectFrom('payouts').selectAll().where('runId', '=', run.id).execute()) await movePayout(tx, payout, 'withdrawn', now)
      return { ...run, status: 'rejected' as const, decidedBy: clerk.userId, decidedAt: now }
    })
    return view(deps.db, run)
  }

  async function list(user: UserTable): Promise<PayoutRunView[]> {
    const clerk = clerkOf(user)
    const runs = await deps.db.selectFrom('payoutRuns').selectAll().where('countyId', '=', clerk.countyId).orderBy('createdAt', 'desc').limit(24).execute()
    return Promise.all(runs.map((run) => view(deps.db, run)))
  }

  return { draft, approve, reject, list }
}

export type PayoutRuns = ReturnType<typeof createPayoutRuns>
