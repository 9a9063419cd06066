import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB } from '../../db/schema'
import type { OrderService } from './order-service'
import { purgeOldKeys } from './idempotency'
import { processRefunds, type RefundDeps } from '../payments/refunds'
import { type BuyerMessageDeps, sendDueMessages } from '../messages/buyer-messages'
import { sendDueFarmerMessages } from '../messages/farmer-messages'
import { catchUpLedger, settleDueSales } from '../ledger/settle-sales'
import { type ShippingUploadDeps, uploadDueShipping } from '../pickups/shipping-info'
import { type PayoutSendingDeps, sendDuePayouts } from '../payouts/payout-sending'
import type { PhotoChecks } from '../content/photo-checks'

/* The work no request starts: unpaid orders expire, payments whose news was lost are looked up,
   refunds that failed are sent again, buyers are told their order is ready, farmers what sold,
   sales settle when their after-sale window closes, WeChat gets each order's shipping
   information, listing photos are checked with WeChat, old idempotency keys go. It runs in every server process
   on a timer; each step claims its units of work first (db/job-claims.ts: FOR UPDATE SKIP
   LOCKED on PostgreSQL), so N processes never make the same WeChat call at once, and what only
   writes the database (settling, the ledger) is decided under the order's lock, once. A failing step is logged and tried again next round: while the
   database is away every round fails, and the first round after it is back does the work. */

export interface OrderJobsDeps {
  db: Kysely<DB>
  clock: Clock
  orders: OrderService
  refunds: RefundDeps
  messages: BuyerMessageDeps
  /** WeChat's shipping information; null without WeChat Pay (nothing is frozen then). */
  shipping: ShippingUploadDeps | null
  /** Approved payouts to send by WeChat Pay (or the sandbox) and follow to their end. */
  payouts: PayoutSendingDeps | null
  /** WeChat's photo checks: send what is due, follow up verdicts that did not come. */
  photoChecks?: PhotoChecks
  log: { error(obj: unknown, msg: string): void }
}

export function createOrderJobs(deps: OrderJobsDeps) {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null

  async function runOnce(): Promise<void> {
    const steps: [string, () => Promise<unknown>][] = [
      ['reconcile payments', () => deps.orders.payments.reconcile()],
      ['expire unpaid orders', () => deps.orders.expireDue()],
      ['send refunds', () => processRefunds(deps.refunds)],
      ['tell buyers their order is ready', () => sendDueMessages(deps.messages)],
      ['tell farmers what sold', () => sendDueFarmerMessages(deps.messages)],
      ['settle sales past the after-sale window', () => settleDueSales(deps.refunds)],
      ['write the ledger of older orders', () => catchUpLedger(deps.refunds)],
      ['upload shipping information to WeChat', () => (deps.shipping ? uploadDueShipping(deps.shipping) : Promise.resolve(0))],
      ['send and follow payouts', () => (deps.payouts ? sendDuePayouts(deps.payouts) : Promise.resolve(0))],
      ['check listing photos with WeChat', () => (deps.photoChecks ? deps.photoChecks.runDue() : Promise.resolve(0))],
      ['purge idempotency keys', () => purgeOldKeys(deps.db, deps.clock)],
    ]
    for (const [name, step] of steps) {
      try {
        await step()
      } catch (error) {
        deps.log.error({ err: error }, `order job failed: ${name}`)
      }
    }
  }

  return {
    runOnce,
    /** One round at a time: a slow round is not overtaken by the next tick. */
    start(intervalMs: number) {
      if (timer) return
      timer = setInterval(() => {
        // Each step already logs its own failure; this catch is for anything else, because a
        // rejection nobody handles would end the process and the API with it.
        if (!running) running = runOnce().catch((error) => deps.log.error({ err: error }, 'order jobs round failed')).finally(() => (running = null))
      }, intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}

export type OrderJobs = ReturnType<typeof createOrderJobs>
