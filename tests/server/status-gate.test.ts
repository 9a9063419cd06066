import { writeTransaction } from '../../server/db/write-transaction'
import { moveParcel } from '../../server/services/parcels/move-parcel'
import { moveOrder } from '../../server/services/orders/release-order'
import { paidOrder } from './support/order-fixtures'
import { createTestApp, DATABASES, signInAs, type TestApp } from './support/test-app'

/* Every status an order or a parcel is written with passes its machine's table first, on SQLite
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
  const statusOf = async (table: 'orders' | 'parcels', id: string) => (await t.database.db.selectFrom(table).select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

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
})
