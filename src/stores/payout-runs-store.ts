import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { OfflinePayoutProblem, Payout, PayoutRun, PayoutRunProblem } from '../api/county-money-types'
import { checkOfflineReference } from '../domain/payouts'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* 转账批次: the county's payout runs. One clerk draws a run up, a second approves or rejects it
   (the server refuses the first clerk with 403, and this page never offers him the button); a
   payee without WeChat is paid in cash or by bank transfer, recorded by one clerk with its
   reference and confirmed by another. One action at a time; each answer replaces what it
   changed, and a refusal that means the page is behind (409) reads the runs again. */

export interface PayoutRunsDeps {
  fetchRuns(): Promise<{ items: PayoutRun[] }>
  draft(): Promise<PayoutRun>
  approve(runId: string): Promise<PayoutRun>
  reject(runId: string): Promise<PayoutRun>
  recordOffline(payoutId: string, reference: string): Promise<Payout>
  approveOffline(payoutId: string): Promise<Payout>
}

/** The server's refusal of a run, in the page's terms: a 403 on approval is the four-eyes rule. */
function runProblemOf(error: ApiError): PayoutRunProblem {
  if (error.status === 403) return { kind: 'second-clerk' }
  if (error.details?.reason === 'payout.nothing_owed') return { kind: 'nothing-owed' }
  if (error.details?.reason === 'payout.run_waiting') return { kind: 'run-waiting' }
  return { kind: 'refused', error }
}

export class PayoutRunsStore {
  items: PayoutRun[] = []
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  /** 'draft', or the id of the run or payout being acted on: one action at a time. */
  busy: string | null = null
  /** Why 生成转账批次 made no run. */
  draftProblem: PayoutRunProblem | null = null
  runProblems = new Map<string, PayoutRunProblem>()
  payoutProblems = new Map<string, OfflinePayoutProblem>()

  constructor(
    private readonly deps: PayoutRunsDeps,
    /** The clerk looking: his own run or record waits for someone else. */
    readonly viewerId: string,
  ) {
    makeAutoObservable<this, 'deps'>(this, { deps: false, viewerId: false }, { autoBind: true })
  }

  /** The run waiting for a second clerk, if any (the server allows one at a time). */
  get waiting(): PayoutRun | null {
    return this.items.find((run) => run.status === 'awaiting_approval') ?? null
  }

  /** Whether this clerk may approve: not the one who drew it up. */
  canApprove(run: PayoutRun): boolean {
    return run.status === 'awaiting_approval' && run.createdBy !== this.viewerId
  }

  /** Whether this clerk may confirm a recorded cash payout: not the one who recorded it. */
  canConfirm(payout: Payout): boolean {
    return payout.status === 'awaiting_offline_approval' && payout.recordedBy !== this.viewerId
  }

  runProblemOf(runId: string): PayoutRunProblem | null {
    return this.runProblems.get(runId) ?? null
  }

  payoutProblemOf(payoutId: string): OfflinePayoutProblem | null {
    return this.payoutProblems.get(payoutId) ?? null
  }

  async load(): Promise<void> {
    this.status = 'loading'
    try {
      const { items } = await this.deps.fetchRuns()
      runInAction('payoutRunsLoaded', () => {
        this.items = items
        this.status = 'loaded'
        this.error = null
      })
    } catch (error) {
      runInAction('payoutRunsFailed', () => {
        this.status = 'failed'
        this.error = toApiError(error)
      })
    }
  }

  /** 生成转账批次: true when a run was drawn up (it waits for a second clerk). */
  async draft(): Promise<boolean> {
    if (this.busy) return false
    this.busy = 'draft'
    this.draftProblem = null
    try {
      const run = await this.deps.draft()
      runInAction('payoutRunDrafted', () => {
        this.items = [run, ...this.items.filter((r) => r.id !== run.id)]
        this.busy = null
      })
      return true
    } catch (error) {
      const problem = runProblemOf(toApiError(error))
      runInAction('payoutRunNotDrafted', () => {
        this.busy = null
        this.draftProblem = problem
      })
      // Another clerk's run may be waiting that this page has not seen yet.
      if (problem.kind === 'run-waiting') await this.load()
      return false
    }
  }

  approve(runId: string): Promise<boolean> {
    const run = this.items.find((r) => r.id === runId)
    // Never sent: the server would refuse it, and the hint already says who may approve.
    if (run && run.createdBy === this.viewerId) return Promise.resolve(this.refuseRun(runId, { kind: 'second-clerk' }))
    return this.decideRun(runId, this.deps.approve)
  }

  reject(runId: string): Promise<boolean> {
    return this.decideRun(runId, this.deps.reject)
  }

  /** 记录线下付款: the reference as typed, checked as the server will before it is sent. */
  recordOffline(payoutId: string, text: string): Promise<boolean> {
    const checked = checkOfflineReference(text)
    if (!checked.ok) return Promise.resolve(this.refusePayout(payoutId, { kind: 'reference', reason: checked.reason }))
    return this.movePayout(payoutId, () => this.deps.recordOffline(payoutId, checked.reference))
  }

  /** 确认: a second clerk confirms the cash or bank payout another recorded. */
  approveOffline(payoutId: string): Promise<boolean> {
    const payout = this.items.flatMap((r) => r.payouts).find((p) => p.id === payoutId)
    if (payout && payout.recordedBy === this.viewerId) return Promise.resolve(this.refusePayout(payoutId, { kind: 'second-clerk' }))
    return this.movePayout(payoutId, () => this.deps.approveOffline(payoutId))
  }

  private async decideRun(runId: string, call: (runId: string) => Promise<PayoutRun>): Promise<boolean> {
    if (this.busy) return false
    this.busy = runId
    this.runProblems.delete(runId)
    try {
      const run = await call(runId)
      runInAction('payoutRunDecided', () => {
        this.items = this.items.map((r) => (r.id === run.id ? run : r))
        this.busy = null
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('payoutRunDecisionRefused', () => {
        this.busy = null
        this.runProblems.set(runId, runProblemOf(apiError))
      })
      // Decided by the other clerk meanwhile: show it as it is now.
      if (apiError.status === 409 || apiError.status === 404) await this.load()
      return false
    }
  }

  private async movePayout(payoutId: string, call: () => Promise<Payout>): Promise<boolean> {
    if (this.busy) return false
    this.busy = payoutId
    this.payoutProblems.delete(payoutId)
    try {
      const payout = await call()
      runInAction('payoutMoved', () => {
        this.items = this.items.map((r) => (r.id === payout.runId ? { ...r, payouts: r.payouts.map((p) => (p.id === payout.id ? payout : p)) } : r))
        this.busy = null
      })
      return true
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('payoutMoveRefused', () => {
        this.busy = null
        this.payoutProblems.set(payoutId, apiError.status === 403 ? { kind: 'second-clerk' } : { kind: 'refused', error: apiError })
      })
      if (apiError.status === 409) await this.load()
      return false
    }
  }

  private refuseRun(runId: string, problem: PayoutRunProblem): boolean {
    this.runProblems.set(runId, problem)
    return false
  }

  private refusePayout(payoutId: string, problem: OfflinePayoutProblem): boolean {
    this.payoutProblems.set(payoutId, problem)
    return false
  }
}
