import { makeAutoObservable } from 'mobx'
import { type ApiError, toApiError } from '../api/api-error'
import type { AfterSaleCase, CaseDecision, CountyCase } from '../api/case-types'
import type { CaseDecisionProblem } from '../api/problems'
import { yuanToFen } from '../domain/money'
import type { CaseFault } from '../domain/order-ledger'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* The county's after-sale cases (售后处理): open ones first, each decided once, with a refund in
   yuan up to what is left on its line (退款（元）) or no refund with a reason (不退款). The amount
   is read with the one yuan parser, checked here so a typo never reaches the server, and checked
   again by the server under the order's lock, which has the last word. */

export interface CountyCasesDeps {
  fetchCases(): Promise<{ items: CountyCase[] }>
  decide(caseId: string, decision: CaseDecision): Promise<AfterSaleCase>
}

export class CountyCasesStore {
  items: CountyCase[] = []
  status: LoadStatus = 'idle'
  error: ApiError | null = null
  /** The case being decided now: one decision at a time. */
  deciding: string | null = null
  problems = new Map<string, CaseDecisionProblem>()

  constructor(private readonly deps: CountyCasesDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  get open(): CountyCase[] {
    return this.items.filter((c) => c.status === 'reported')
  }

  get decided(): CountyCase[] {
    return this.items.filter((c) => c.status !== 'reported')
  }

  problemOf(caseId: string): CaseDecisionProblem | null {
    return this.problems.get(caseId) ?? null
  }

  async load(): Promise<void> {
    this.status = 'loading'
    try {
      const { items } = await this.deps.fetchCases()
      runInAction('casesLoaded', () => {
        this.items = items
        this.status = 'loaded'
        this.error = null
      })
    } catch (error) {
      runInAction('casesFailed', () => {
        this.status = 'failed'
        this.error = toApiError(error)
      })
    }
  }

  /** 退款: the amount as typed, in yuan, and whose fault it was: the farmer's goods (her share
   *  pays it) or the transport (the county's shipping pays it). */
  refund(caseId: string, yuanText: string, fault: CaseFault = 'farmer'): Promise<boolean> {
    const found = this.items.find((c) => c.id === caseId)
    const parsed = yuanToFen(yuanText)
    if (!parsed.ok) return this.refuse(caseId, { kind: 'amount', reason: parsed.reason })
    if (parsed.fen === 0) return this.refuse(caseId, { kind: 'zero' })
    if (found && parsed.fen > found.refundableFen) return this.refuse(caseId, { kind: 'too-large', refundableFen: found.refundableFen })
    return this.decide(caseId, { refundFen: parsed.fen, fault })
  }

  /** 不退款, with the reason the buyer and the farmer will read. */
  decline(caseId: string, reason: string): Promise<boolean> {
    if (reason.trim() === '') return this.refuse(caseId, { kind: 'no-reason' })
    return this.decide(caseId, { declineReason: reason.trim() })
  }

  private async decide(caseId: string, decision: CaseDecision): Promise<boolean> {
    if (this.deciding) return false
    this.deciding = caseId
    this.problems.delete(caseId)
    try {
      await this.deps.decide(caseId, decision)
    } catch (error) {
      const apiError = toApiError(error)
      runInAction('caseDecisionRefused', () => {
        this.deciding = null
        this.problems.set(caseId, { kind: 'refused', error: apiError })
      })
      // Decided elsewhere, or less is left than this page knew: show the cases as they are now.
      if (apiError.status === 409) await this.load()
      return false
    }
    runInAction('caseDecided', () => {
      this.deciding = null
    })
    // Other cases on the same line have less left to refund now.
    await this.load()
    return true
  }

  private async refuse(caseId: string, problem: CaseDecisionProblem): Promise<boolean> {
    this.problems.set(caseId, problem)
    return false
  }
}
