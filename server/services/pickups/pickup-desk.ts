import { type Kysely, sql } from 'kysely'
import type { Clock } from '../../clock'
import type { DialectName } from '../../db/database'
import type { DB, OrderTable, UserTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { ORDER_STATUSES_SHOWING_PICKUP_CODE } from '../../../src/domain/order-status'
import { WRONG_CODE_WINDOW_MINUTES, WRONG_CODES_PER_CENTER, WRONG_CODES_PER_STAFF, wrongCodeRetryAfterSeconds } from '../../../src/domain/pickup-attempts'
import { parseOrderNumber } from '../../../src/domain/order-number'
import type { Unit } from '../../../src/domain/units'
import { ServiceError, notFound, validationFailed } from '../service-error'
import { newId } from '../../ids'
import { recordOrderEvent } from '../orders/order-events'
import { moveOrder } from '../orders/release-order'
import { viewParcels } from '../parcels/parcel-view'
import type { PickupCodes } from './pickup-codes'
import { creditCommissions, reverseCaseCommissions } from './commissions'
import { syncOrderLedger } from '../ledger/order-ledger-sync'
import { queueShippingUpload } from './shipping-info'
import type { DeskOrder, PickupVerifyInput } from '../../contract/parcels'

/* The county center's pickup desk. The buyer shows a 6-digit code (typed, or read from their QR
   code with the order id); it works only at its own center, only while the order is ready, and
   only once: the order moves to picked_up by a conditional update, so of twenty staff tapping
   at once one succeeds. Six digits can be guessed, so wrong codes are counted in the database
   (across restarts and server processes) per staff member and per center, and each verify holds
   the staff member's and the center's row locks while it counts and tries.
   A typed code tells the desk nothing more than "waiting here" or "not": a code of an order still
   on its way is a wrong code to whoever typed it, or a guesser would learn which codes are real.
   The per-staff limit stops one account guessing; the per-center limit stops guessing spread over
   many accounts, but only for typed codes: a scanned QR code carries the order id with its code,
   which a guesser does not have, so honest desks keep handing orders over while typing is shut. */

const WRONG_CODE_WINDOW_MS = WRONG_CODE_WINDOW_MINUTES * 60_000

export interface PickupDeskDeps {
  db: Kysely<DB>
  dialect: DialectName
  clock: Clock
  pickupCodes: PickupCodes
}

export type DeskOrderView = DeskOrder

export function createPickupDesk(deps: PickupDeskDeps) {
  const { db, clock } = deps

  async function pickupPointOf(tx: Kysely<DB>, staff: UserTable) {
    const point = await tx.selectFrom('pickupPoints').selectAll().where('countyId', '=', staff.countyId!).orderBy('id').executeTakeFirst()
    if (!point) throw notFound('county center')
    return point
  }

  async function deskView(tx: Kysely<DB>, orders: OrderTable[]): Promise<DeskOrderView[]> {
    if (orders.length === 0) return []
    const ids = orders.map((o) => o.id)
    const [buyers, lines, parcels] = await Promise.all([
      tx.selectFrom('users').select(['id', 'name']).where('id', 'in', orders.map((o) => o.buyerId)).execute(),
      tx.selectFrom('orderLines').select(['orderId', 'listingId', 'title', 'quantity', 'unit']).where('orderId', 'in', ids).orderBy('position').execute(),
      tx.selectFrom('parcels').selectAll().where('orderId', 'in', ids).execute(),
    ])
    const parcelViews = await viewParcels(tx, parcels)
    return orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      buyer: buyers.find((b) => b.id === o.buyerId)!,
      lines: lines.filter((l) => l.orderId === o.id).map(({ orderId: _o, ...line }) => ({ ...line, unit: line.unit as Unit })),
      parcels: parcelViews.filter((p) => p.orderId === o.id),
      totalFen: o.totalFen,
      paidAt: o.paidAt,
    }))
  }

  /** Orders waiting at the staff member's center, the longest-waiting first. */
  async function readyOrders(staff: UserTable): Promise<DeskOrderView[]> {
    const point = await pickupPointOf(db, staff)
    const orders = await db.selectFrom('orders').selectAll().where('pickupPointId', '=', point.id).where('status', '=', 'ready_for_pickup').orderBy('updatedAt').limit(200).execute()
    return deskView(db, orders)
  }

  /**
   * The order of this center with this short number, whatever its state: the buyer on the phone
   * or at the counter says it. What it shows is what 待取订单 shows, never the pickup code, and
   * handing over still needs the code (verify). Another center's numbers are not found.
   */
  async function orderByNumber(staff: UserTable, typed: string): Promise<DeskOrderView> {
    const number = parseOrderNumber(typed)
    if (!number) throw validationFailed({ number: 'an order number is the run’s month and day and a sequence, like 1203-017' })
    const point = await pickupPointOf(db, staff)
    const order = await db.selectFrom('orders').selectAll().where('countyId', '=', point.countyId).where('number', '=', number).where('pickupPointId', '=', point.id).executeTakeFirst()
    if (!order) throw notFound(`order ${number} at this center`)
    const [view] = await deskView(db, [order])
    return view
  }

  /** The wrong tries in the window, per staff member and per center, each with its oldest. */
  async function lockAndCountWrongTries(tx: WriteTx, staffId: string, pointId: string, since: string) {
    if (deps.dialect === 'postgres') {
      // SQLite's write transaction already runs alone; PostgreSQL needs the rows locked.
      await sql`select id from users where id = ${staffId} for update`.execute(tx)
      await sql`select id from pickup_points where id = ${pointId} for update`.execute(tx)
    }
    const tally = (column: 'staffUserId' | 'pickupPointId', id: string) =>
      tx
        .selectFrom('pickupAttempts')
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('at').as('oldest')])
        .where(column, '=', id)
        .where('succeeded', '=', 0)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow()
        .then((r) => ({ count: Number(r.n), oldest: r.oldest === null ? null : new Date(r.oldest as string | Date).getTime() }))
    return { byStaff: await tally('staffUserId', staffId), byCenter: await tally('pickupPointId', pointId) }
  }

  type Outcome = { kind: 'picked_up'; order: DeskOrderView } | { kind: 'wrong_code' } | { kind: 'refused'; error: ServiceError }

  /** Hands an order over: the code (and, from a QR code, the order id) checked at this center. */
  async function verify(staff: UserTable, input: PickupVerifyInput): Promise<DeskOrderView> {
    const outcome = await writeTransaction<Outcome>(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      const point = await pickupPointOf(tx, staff)
      const wrong = await lockAndCountWrongTries(tx, staff.id, point.id, new Date(clock().getTime() - WRONG_CODE_WINDOW_MS).toISOString())
      const centerShut = wrong.byCenter.count >= WRONG_CODES_PER_CENTER && !input.orderId
      if (wrong.byStaff.count >= WRONG_CODES_PER_STAFF || centerShut) {
        const seconds = wrongCodeRetryAfterSeconds(
          [
            { ...wrong.byStaff, limit: WRONG_CODES_PER_STAFF },
            ...(centerShut ? [{ ...wrong.byCenter, limit: WRONG_CODES_PER_CENTER }] : []),
          ],
          clock().getTime(),
        )
        const message = `too many wrong pickup codes; try again in ${Math.ceil(seconds / 60)} minutes`
        // Told apart so the desk can say that scanning the buyer's QR code still works.
        const scope = wrong.byStaff.count >= WRONG_CODES_PER_STAFF ? 'staff' : 'center'
        return { kind: 'refused', error: new ServiceError('RATE_LIMITED', message, { retryAfterSeconds: seconds, scope }) }
      }
      let query = tx.selectFrom('orders').selectAll().where('pickupPointId', '=', point.id).where('pickupCodeHash', '=', deps.pickupCodes.hash(point.id, input.code))
      if (input.orderId) query = query.where('id', '=', input.orderId)
      const order = await query.where('status', 'in', ORDER_STATUSES_SHOWING_PICKUP_CODE).orderBy('updatedAt', 'desc').executeTakeFirst()
      const attempt = (succeeded: boolean) => tx.insertInto('pickupAttempts').values({ id: newId('pat'), staffUserId: staff.id, pickupPointId: point.id, succeeded: succeeded ? 1 : 0, at: now }).execute()
      if (!order || (order.status === 'paid' && !input.orderId)) {
        await attempt(false)
        return { kind: 'wrong_code' }
      }
      if (order.status === 'paid') return { kind: 'refused', error: new ServiceError('NOT_READY', 'this order has not all arrived at the center yet', { orderId: order.id }) }
      const pickedUp = () => ({ kind: 'refused' as const, error: new ServiceError('INVALID_TRANSITION', 'this order has already been picked up', { from: 'picked_up', to: 'picked_up' }) })
      if (order.status === 'picked_up') return pickedUp()
      if (!(await moveOrder(tx, order.id, 'ready_for_pickup', 'picked_up', now, { ended: true }))) {
        // Moved meanwhile: handed over at another desk, or a parcel's receipt undone (parcel-undo.ts).
        const moved = await tx.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()
        if (moved.status === 'paid') return { kind: 'refused', error: new ServiceError('NOT_READY', 'this order has not all arrived at the center yet', { orderId: order.id }) }
        return pickedUp()
      }
      await creditCommissions(tx, order.id, now)
      // A case refunded at the desk before hand-over: its share is taken back as the line is credited.
      await reverseCaseCommissions(tx, order.id, now)
      await recordOrderEvent(tx, order.id, 'picked_up', now, { actorUserId: staff.id })
      await syncOrderLedger(tx, order.id, now)
      // The hand-over is the delivery WeChat waits for before it releases a WeChat Pay buyer's money.
      await queueShippingUpload(tx, order.id, now)
      await attempt(true)
      const [view] = await deskView(tx, [{ ...order, status: 'picked_up' }])
      return { kind: 'picked_up', order: view }
    })
    if (outcome.kind === 'wrong_code') throw new ServiceError('NOT_FOUND', 'no order at this center is waiting with that code')
    if (outcome.kind === 'refused') throw outcome.error
    return outcome.order
  }

  return { readyOrders, orderByNumber, verify }
}

export type PickupDesk = ReturnType<typeof createPickupDesk>
