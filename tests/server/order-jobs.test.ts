import { systemClock } from '../../server/clock'
import { openDatabase } from '../../server/db/database'
import { createOrderJobs } from '../../server/services/orders/order-jobs'
import type { OrderService } from '../../server/services/orders/order-service'
import type { PickupCodes } from '../../server/services/pickups/pickup-codes'
import { freePort } from '../../support/free-port'

/* The jobs' timer while the database is away: every step of every round fails (on a PostgreSQL
   that is not running, ECONNREFUSED), and the rounds go on; nothing escapes as an unhandled
   rejection, which would end the server. That they do the work again once it is back is shown
   on a restarted PostgreSQL in database-outage.test.ts. No database of its own: none is up. */

describe('order jobs while the database is away', () => {
  it('log each failed step, keep their timer going, and never leave a rejection unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    const database = openDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/gone`)
    database.onConnectionLost(() => {})
    const logged: string[] = []
    let rounds = 0
    const away = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    }
    const orders = {
      payments: {
        reconcile: () => {
          rounds++
          return away()
        },
      },
      expireDue: away,
    } as unknown as OrderService
    const jobs = createOrderJobs({
      db: database.db,
      clock: systemClock,
      orders,
      refunds: { db: database.db, dialect: 'postgres', clock: systemClock, providers: {} },
      messages: { db: database.db, clock: systemClock, messenger: null, pickupCodes: {} as PickupCodes },
      shipping: null,
      payouts: null,
      log: {
        error(_obj, msg) {
          logged.push(msg)
          // Even the log failing once must not take the timer, or the process, down.
          if (logged.length === 1) throw new Error('log stream closed')
        },
      },
    })
    try {
      jobs.start(10)
      while (rounds < 5) await new Promise((resolve) => setTimeout(resolve, 10))
      await jobs.stop()
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
      expect(logged).toContain('order jobs round failed')
      for (const step of ['reconcile payments', 'expire unpaid orders', 'send refunds', 'tell buyers their order is ready', 'purge idempotency keys']) {
        expect(logged.filter((msg) => msg === `order job failed: ${step}`).length).toBeGreaterThanOrEqual(3)
      }
    } finally {
      process.off('unhandledRejection', onUnhandled)
      await database.close()
    }
  })
})
