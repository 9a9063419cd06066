import type { ChinaDate } from '../../../src/domain/china-time'
import { formatOrderNumber, orderNumberDay } from '../../../src/domain/order-number'
import type { WriteTx } from '../../db/write-transaction'

/* The short number of a paid order (src/domain/order-number.ts), given inside the transaction that
   applies its payment, after the order's row is locked. The next sequence comes from one atomic
   upsert of the county's counter row for the day: on PostgreSQL fifty payments at once queue on
   that row, each sees the one before it committed, and none takes a number twice; the unique
   index on (county_id, number) would refuse it anyway. The counter row is the last lock the
   payment takes (lock-order.ts), so it is held only for the moment before commit. */

/** Gives the order its number on this run's day: the county's next sequence for that day. */
export async function numberOrder(tx: WriteTx, order: { id: string; countyId: string }, runDate: ChinaDate): Promise<string> {
  const day = orderNumberDay(runDate)
  const { lastSeq } = await tx
    .insertInto('orderNumberCounters')
    .values({ countyId: order.countyId, day, lastSeq: 1 })
    .onConflict((conflict) => conflict.columns(['countyId', 'day']).doUpdateSet((eb) => ({ lastSeq: eb('orderNumberCounters.lastSeq', '+', 1) })))
    .returning('lastSeq')
    .executeTakeFirstOrThrow()
  const number = formatOrderNumber(runDate, Number(lastSeq))
  await tx.updateTable('orders').set({ number }).where('id', '=', order.id).execute()
  return number
}
