import { makeAutoObservable } from 'mobx'
import { toApiError } from '../api/api-error'
import type { DeskOrder, PickupVerifyInput } from '../api/parcel-types'
import type { DeskProblem } from '../api/problems'
import { WRONG_CODE_WINDOW_MINUTES } from '../domain/pickup-attempts'
import { isPickupCodeFormat } from '../domain/pickup-code'
import { parsePickupQr } from '../domain/pickup-qr'
import { runInAction } from './run-in-action'

/* The county center's pickup desk: the buyer's QR code scanned, or the six digits typed, checked
   by the server (which hands each order over once), then what to give the buyer, until the staff
   member taps 完成 for the next one. */

export interface PickupDeskDeps {
  verify(input: PickupVerifyInput): Promise<DeskOrder>
  /** The scanned text, or null when the staff member closed the scanner. */
  scanCode(): Promise<string | null>
}

export class PickupDeskStore {
  busy = false
  /** The order just handed over: what to give the buyer. */
  handover: DeskOrder | null = null
  problem: DeskProblem | null = null

  constructor(private readonly deps: PickupDeskDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  /** Minutes to wait after too many wrong codes, from the server's retryAfterSeconds. */
  get waitMinutes(): number | null {
    const problem = this.problem
    if (problem?.kind !== 'refused' || problem.error.code !== 'RATE_LIMITED') return null
    const seconds = Number(problem.error.details?.retryAfterSeconds)
    return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : WRONG_CODE_WINDOW_MINUTES
  }

  /** The buyer's QR code carries the order id and the code: nothing to read aloud or mistype. */
  async scan(): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.problem = null
    let text: string | null
    try {
      text = await this.deps.scanCode()
    } catch (error) {
      return this.fail({ kind: 'refused', error: toApiError(error) })
    }
    if (text === null) {
      runInAction('scanClosed', () => {
        this.busy = false
      })
      return false
    }
    const content = parsePickupQr(text)
    // A WeChat contact or a payment code shown by mistake never reaches the server.
    if (!content) return this.fail({ kind: 'not-pickup-qr' })
    return this.verify({ orderId: content.orderId, code: content.code })
  }

  /** The six digits the buyer reads out or shows. */
  async verifyTyped(typed: string): Promise<boolean> {
    if (this.busy) return false
    const code = typed.trim()
    if (!isPickupCodeFormat(code)) {
      this.problem = { kind: 'code-format' }
      return false
    }
    this.busy = true
    this.problem = null
    return this.verify({ code })
  }

  /** 完成: the goods are handed over; the desk is ready for the next buyer. */
  finish(): void {
    this.handover = null
    this.problem = null
  }

  private async verify(input: PickupVerifyInput): Promise<boolean> {
    try {
      const order = await this.deps.verify(input)
      runInAction('applyHandover', () => {
        this.handover = order
        this.busy = false
      })
      return true
    } catch (error) {
      return this.fail({ kind: 'refused', error: toApiError(error) })
    }
  }

  private fail(problem: DeskProblem): false {
    runInAction('applyDeskProblem', () => {
      this.problem = problem
      this.busy = false
    })
    return false
  }
}
