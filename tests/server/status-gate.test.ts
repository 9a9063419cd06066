import { writeTransaction } from '../../server/db/write-transaction'
import { moveParcel } from '../../server/services/parcels/move-parcel'
import { moveOrder } from '../../server/services/orders/release-order'
import { moveListing } from '../../server/services/listings/move-listing'
import { moveCase } from '../../server/services/after-sale/move-case'
import { newId } from '../../server/ids'
import { listingId, paidOrder } from './support/order-fixtures'
import { createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* Every status an order, a parcel, a listing or an after-sale case is written with passes its machine's table first, on SQLite
   and PostgreSQL: a move the table does not allow is refused before any SQL runs, whoever asks,
   and the row stays as it was. */

describe.each(DATABASES)('the status gate on %s', (dialect) => {
  let t: TestApp
  let buyer: string

  beforeAll(async () => {
    t = await createTestApp(dialect)
    buyer = await signInAs(t.app, 'buyer-chenxiao')
  })
  afterAll(() => t?.close())

  const now = () => new Date().toISOString()
  const statusOf = async (table: 'orders' | 'parcels' | 'listings' | 'afterSaleCases', id: string) => (await t.database.db.selectFrom(table).select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

  it('refuses an order move the table does not allow, and writes nothing', async () => {
    const order = await paidOrder(t, buyer, [['oat-flour', 1]])
    for (const [from, to] of [['paid', 'pending_payment'], ['paid', 'picked_up'], ['paid', 'expired']] as const) {
      await expect(writeTransaction(t.database.db, dialect, (tx) => moveOrder(tx, order.id, from, to, now()))).rejects.toMatchObject({ code: 'state_machine.transition_refused', details: { machine: 'order', from, to } })
    }
    expect(await statusOf('orders', order.id)).toBe('paid')
    // An allowed move still goes through the same gate.
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveOrder(tx, order.id, 'paid', 'cancelled', now()))).toBe(true)
    expect(await statusOf('orders', order.id)).toBe('cancelled')
  })

  it('refuses a parcel move the table does not allow, and writes nothing', async () => {
    const order = await paidOrder(t, buyer, [['oat-flour', 1]])
    const parcelId = order.parcels[0].id
    for (const [from, to] of [['awaiting_collection', 'received'], ['cancelled', 'collected']] as const) {
      await expect(writeTransaction(t.database.db, dialect, (tx) => moveParcel(tx, parcelId, from, to, now()))).rejects.toMatchObject({ code: 'state_machine.transition_refused', details: { machine: 'parcel', from, to } })
    }
    expect(await statusOf('parcels', parcelId)).toBe('awaiting_collection')
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveParcel(tx, parcelId, 'awaiting_collection', 'collected', now()))).toBe(true)
  })

  it('refuses a listing move the table does not allow, and writes nothing', async () => {
    const id = listingId('lamb-new')
    expect(await statusOf('listings', id)).toBe('pending_review')
    // Approving a withdrawn listing, rejecting a live one, a "move" to the same status.
    for (const [from, to] of [['pending_review', 'pending_review'], ['withdrawn', 'live'], ['live', 'rejected']] as const) {
      await expect(writeTransaction(t.database.db, dialect, (tx) => moveListing(tx, id, from, to, now(), { rejectionReason: 'x' }))).rejects.toMatchObject({ code: 'state_machine.transition_refused', details: { machine: 'listing', from, to } })
    }
    const row = await t.database.db.selectFrom('listings').select(['status', 'rejectionReason']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'pending_review', rejectionReason: null })
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveListing(tx, id, 'pending_review', 'rejected', now(), { rejectionReason: '照片不清楚' }))).toBe(true)
    expect(await statusOf('listings', id)).toBe('rejected')
    // The gate passed, but the row is no longer where the caller thought: nothing written.
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveListing(tx, id, 'live', 'withdrawn', now()))).toBe(false)
    expect(await statusOf('listings', id)).toBe('rejected')
  })

  it('refuses an after-sale case move the table does not allow, and writes nothing', async () => {
    const order = await paidOrder(t, buyer, [['oat-flour', 1]])
    const line = await t.database.db.selectFrom('orderLines').selectAll().where('orderId', '=', order.id).executeTakeFirstOrThrow()
    const buyerId = (await t.database.db.selectFrom('orders').select('buyerId').where('id', '=', order.id).executeTakeFirstOrThrow()).buyerId
    const caseId = newId('cas')
    const at = now()
    await t.database.db
      .insertInto('afterSaleCases')
      .values({ id: caseId, orderId: order.id, position: line.position, listingId: line.listingId, kind: 'damaged', note: '', reportedBy: buyerId, reporterRole: 'buyer', status: 'reported', refundFen: null, declineReason: null, decidedBy: null, decidedAt: null, commissionReversedFen: null, fault: 'farmer', createdAt: at, updatedAt: at })
      .execute()
    for (const [from, to] of [['reported', 'reported'], ['declined', 'refunded'], ['refunded', 'declined']] as const) {
      await expect(writeTransaction(t.database.db, dialect, (tx) => moveCase(tx, caseId, from, to, now(), { refundFen: 100 }))).rejects.toMatchObject({ code: 'state_machine.transition_refused', details: { machine: 'case', from, to } })
    }
    expect(await t.database.db.selectFrom('afterSaleCases').select(['status', 'refundFen']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ status: 'reported', refundFen: null })
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveCase(tx, caseId, 'reported', 'declined', now(), { declineReason: '无问题' }))).toBe(true)
    // Decided once: a second decision, even an allowed-looking one from the old status, is not written.
    expect(await writeTransaction(t.database.db, dialect, (tx) => moveCase(tx, caseId, 'reported', 'refunded', now(), { refundFen: 100 }))).toBe(false)
    await expect(writeTransaction(t.database.db, dialect, (tx) => moveCase(tx, caseId, 'declined', 'refunded', now(), { refundFen: 100 }))).rejects.toMatchObject({ code: 'state_machine.transition_refused' })
    expect(await t.database.db.selectFrom('afterSaleCases').select(['status', 'refundFen']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ status: 'declined', refundFen: null })
  })
})
