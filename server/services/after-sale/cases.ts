import { canReportCase, caseStatusMachine, checkCaseRefund, refundableOnLine, type CaseStatus } from '../../../src/domain/after-sale'
import type { Unit } from '../../../src/domain/units'
import type { AfterSaleCaseTable, OrderTable, UserTable } from '../../db/schema'
import { writeTransaction, type WriteTx } from '../../db/write-transaction'
import { ServiceError, notFound, validationFailed } from '../service-error'
import { newId } from '../../ids'
import type { PhotoStorage } from '../../storage/photo-storage'
import { lockOrder } from '../orders/lock-order'
import { createCaseRefund, paymentLeftFen, processRefunds, type RefundDeps } from '../payments/refunds'
import { reverseCaseCommissions } from '../pickups/commissions'
import { toPhotoView } from '../photos/photos'
import type { AfterSaleCase, CaseDecision, CountyCase, ReportCaseInput as ReportInput } from '../../contract/cases'
import { moveCase } from './move-case'
import { syncOrderLedger } from '../ledger/order-ledger-sync'

/* After-sale cases (售后): a problem with one order line, reported by the order's buyer within 24
   hours of pickup, or recorded by staff of the order's county at the desk, and decided by that
   county's staff. Whoever else asks is told the order (or case) does not exist: 404, as for
   orders. A decision takes the order's lock first (lock-order.ts) and re-reads what the line and
   the payment have left inside that transaction, so two decisions at once on one line wait for
   each other and can never refund more than was paid. The refund row is written there and sent
   after commit, as every refund is (refunds.ts). */

export interface CaseDeps extends RefundDeps {
  storage: PhotoStorage
}

export type CaseView = AfterSaleCase

export type CountyCaseView = CountyCase

export type Decision = CaseDecision

/** The cases of these orders, per order then per line, photos as URLs: the order view's `cases`,
 *  and what the farmer's sales page shows beside each line (filter by listingId). */
export async function casesOfOrders(deps: Pick<CaseDeps, 'db' | 'storage'>, orderIds: string[]): Promise<Map<string, CaseView[]>> {
  const byOrder = new Map<string, CaseView[]>()
  if (orderIds.length === 0) return byOrder
  const rows = await deps.db.selectFrom('afterSaleCases').selectAll().where('orderId', 'in', orderIds).orderBy('createdAt').orderBy('id').execute()
  for (const view of await viewCases(deps, rows)) byOrder.set(view.orderId, [...(byOrder.get(view.orderId) ?? []), view])
  return byOrder
}

/** For the farmer's sales page: the cases of each (order, listing), keyed `${orderId}:${listingId}`. */
export async function casesOfLines(deps: Pick<CaseDeps, 'db' | 'storage'>, orderIds: string[]): Promise<Map<string, CaseView[]>> {
  const byLine = new Map<string, CaseView[]>()
  for (const cases of (await casesOfOrders(deps, orderIds)).values()) {
    for (const view of cases) byLine.set(`${view.orderId}:${view.listingId}`, [...(byLine.get(`${view.orderId}:${view.listingId}`) ?? []), view])
  }
  return byLine
}

async function viewCases(deps: Pick<CaseDeps, 'db' | 'storage'>, rows: AfterSaleCaseTable[]): Promise<CaseView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [photos, refunds, lines] = await Promise.all([
    deps.db.selectFrom('afterSaleCasePhotos').innerJoin('photos', 'photos.id', 'afterSaleCasePhotos.photoId').selectAll('photos').select(['afterSaleCasePhotos.caseId']).where('afterSaleCasePhotos.caseId', 'in', ids).orderBy('afterSaleCasePhotos.position').execute(),
    deps.db.selectFrom('refunds').select(['caseId', 'status']).where('caseId', 'in', ids).execute(),
    deps.db.selectFrom('orderLines').select(['orderId', 'position', 'title']).where('orderId', 'in', [...new Set(rows.map((r) => r.orderId))]).execute(),
  ])
  return rows.map((r) => {
    const refund = refunds.find((f) => f.caseId === r.id)
    return {
      id: r.id,
      orderId: r.orderId,
      listingId: r.listingId,
      title: lines.find((l) => l.orderId === r.orderId && l.position === r.position)?.title ?? '',
      kind: r.kind,
      note: r.note,
      photos: photos.filter((p) => p.caseId === r.id).map((p) => toPhotoView(p, deps.storage)),
      reportedBy: r.reporterRole,
      status: r.status,
      refundFen: r.refundFen,
      declineReason: r.declineReason,
      fault: r.fault,
      refund: refund ? { status: refund.status } : null,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    }
  })
}

/** The buyer's own order, or an order of the staff member's county; anyone else: not found. */
function mayHandle(user: UserTable, order: OrderTable | undefined): order is OrderTable {
  if (!order) return false
  if (user.role === 'buyer') return order.buyerId === user.id
  if (user.role === 'county_staff') return user.countyId !== null && order.countyId === user.countyId
  return false
}

/** What is left to refund on a line now: the line less its refunded cases, capped by the payment. */
async function refundableNow(tx: WriteTx, order: OrderTable, position: number, lineTotalFen: number): Promise<number> {
  const payment = await tx.selectFrom('payments').selectAll().where('orderId', '=', order.id).where('status', '=', 'succeeded').orderBy('succeededAt').executeTakeFirst()
  if (!payment) return 0
  const refunded = await tx.selectFrom('afterSaleCases').select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('refundFen'), eb.lit(0)).as('fen')).where('orderId', '=', order.id).where('position', '=', position).where('status', '=', 'refunded').executeTakeFirstOrThrow()
  return refundableOnLine(lineTotalFen, Number(refunded.fen), await paymentLeftFen(tx, payment))
}

export function createCaseDesk(deps: CaseDeps) {
  const { db, clock } = deps

  async function report(user: UserTable, orderId: string, input: ReportInput): Promise<CaseView> {
    const row = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      const order = await lockOrder(tx, deps.dialect, orderId)
      if (!mayHandle(user, order)) throw notFound('order')
      const line = await tx.selectFrom('orderLines').selectAll().where('orderId', '=', orderId).where('listingId', '=', input.listingId).executeTakeFirst()
      if (!line) throw notFound('order line')
      const pickedUpAt = order.status === 'picked_up' ? order.endedAt : null
      const allowed = canReportCase(order.status, pickedUpAt, clock(), user.role === 'buyer' ? 'buyer' : 'county_staff')
      if (!allowed.ok) throw new ServiceError('INVALID_TRANSITION', allowed.message, { reason: allowed.reason, from: order.status })
      const photoIds = [...new Set(input.photoIds)]
      if (photoIds.length > 0) {
        // Only the reporter's own uploads: another user's photo id must not end up on this case.
        const mine = await tx.selectFrom('photos').select('id').where('id', 'in', photoIds).where('uploadedBy', '=', user.id).execute()
        if (mine.length !== photoIds.length) throw validationFailed({ photoIds: 'must be photos you uploaded' })
      }
      const created: AfterSaleCaseTable = { id: newId('cas'), orderId, position: line.position, listingId: line.listingId, kind: input.kind, note: input.note.trim(), reportedBy: user.id, reporterRole: user.role === 'buyer' ? 'buyer' : 'county_staff', status: 'reported', refundFen: null, declineReason: null, decidedBy: null, decidedAt: null, commissionReversedFen: null, fault: 'farmer', createdAt: now, updatedAt: now }
      await tx.insertInto('afterSaleCases').values(created).execute()
      if (photoIds.length > 0) await tx.insertInto('afterSaleCasePhotos').values(photoIds.map((photoId, position) => ({ caseId: created.id, photoId, position }))).execute()
      return created
    })
    return (await viewCases(deps, [row]))[0]
  }

  /** The cases of the staff member's county, open ones first, then the most recent. */
  async function countyCases(staff: UserTable): Promise<CountyCaseView[]> {
    const rows = await db
      .selectFrom('afterSaleCases')
      .innerJoin('orders', 'orders.id', 'afterSaleCases.orderId')
      .selectAll('afterSaleCases')
      .where('orders.countyId', '=', staff.countyId ?? '')
      .orderBy((eb) => eb.case().when('afterSaleCases.status', '=', 'reported').then(0).else(1).end())
      .orderBy('afterSaleCases.createdAt', 'desc')
      .limit(200)
      .execute()
    if (rows.length === 0) return []
    const orderIds = [...new Set(rows.map((r) => r.orderId))]
    const [views, orders, lines] = await Promise.all([
      viewCases(deps, rows),
      db.selectFrom('orders').innerJoin('users', 'users.id', 'orders.buyerId').selectAll('orders').select(['users.name as buyerName']).where('orders.id', 'in', orderIds).execute(),
      db.selectFrom('orderLines').selectAll().where('orderId', 'in', orderIds).execute(),
    ])
    const result: CountyCaseView[] = []
    for (const [i, view] of views.entries()) {
      const order = orders.find((o) => o.id === view.orderId)!
      const line = lines.find((l) => l.orderId === view.orderId && l.position === rows[i].position)!
      const refundableFen = view.status === 'reported' ? await refundableNow(db, order, line.position, line.lineTotalFen) : 0
      result.push({ ...view, buyer: { id: order.buyerId, name: order.buyerName }, quantity: line.quantity, unit: line.unit as Unit, lineTotalFen: line.lineTotalFen, refundableFen })
    }
    return result
  }

  async function decide(staff: UserTable, caseId: string, decision: Decision): Promise<CaseView> {
    // The case names its order, which never changes: read it unlocked, then lock the order first.
    const named = await db.selectFrom('afterSaleCases').select('orderId').where('id', '=', caseId).executeTakeFirst()
    if (!named) throw notFound('case')
    const decided = await writeTransaction(db, deps.dialect, async (tx) => {
      const now = clock().toISOString()
      const order = await lockOrder(tx, deps.dialect, named.orderId)
      if (!mayHandle(staff, order) || staff.role !== 'county_staff') throw notFound('case')
      const current = await tx.selectFrom('afterSaleCases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
      const to: CaseStatus = 'refundFen' in decision ? 'refunded' : 'declined'
      const step = caseStatusMachine.transition(current.status, to)
      if (!step.ok) throw new ServiceError('INVALID_TRANSITION', 'this case has already been decided', { from: current.status, to })
      if ('declineReason' in decision) {
        await moveCase(tx, caseId, current.status, 'declined', now, { declineReason: decision.declineReason.trim(), decidedBy: staff.id, decidedAt: now })
        return current
      }
      const line = await tx.selectFrom('orderLines').selectAll().where('orderId', '=', order.id).where('position', '=', current.position).executeTakeFirstOrThrow()
      const refundableFen = await refundableNow(tx, order, line.position, line.lineTotalFen)
      const allowed = checkCaseRefund(decision.refundFen, refundableFen)
      if (!allowed.ok) throw new ServiceError('REFUND_TOO_LARGE', allowed.message, { reason: allowed.reason, refundableFen })
      const payment = (await tx.selectFrom('payments').selectAll().where('orderId', '=', order.id).where('status', '=', 'succeeded').orderBy('succeededAt').executeTakeFirst())!
      await moveCase(tx, caseId, current.status, 'refunded', now, { refundFen: decision.refundFen, fault: decision.fault ?? 'farmer', decidedBy: staff.id, decidedAt: now })
      await createCaseRefund(tx, payment, caseId, decision.refundFen, now)
      await reverseCaseCommissions(tx, order.id, now)
      await syncOrderLedger(tx, order.id, now)
      return current
    })
    if ('refundFen' in decision) await processRefunds(deps, [decided.orderId])
    const row = await db.selectFrom('afterSaleCases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    return (await viewCases(deps, [row]))[0]
  }

  return { report, countyCases, decide }
}

export type CaseDesk = ReturnType<typeof createCaseDesk>
