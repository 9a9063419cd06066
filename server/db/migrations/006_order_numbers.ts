import type { Kysely } from 'kysely'
import { formatOrderNumber, orderNumberDay } from '../../../src/domain/order-number'
import { collectionRunDateFor } from '../../../src/domain/pickup-window'

/* Short order numbers (src/domain/order-number.ts): `orders.number`, unique within the county,
   and one counter row per county and calendar day (MMDD) that payments take the next sequence
   from. The counter is keyed by MMDD, not by the run's full date, because the number shows no
   year: a counter per date would give 1203-001 again next December and break the unique index.

   Orders paid before this migration are numbered here, in the order they were paid (paid_at,
   then id: the same numbers on every copy of the same data), each on the run its parcels were
   given at payment, or, for parcels that never had one, the run its payment time decides. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('number', 'text').execute()
  await db.schema
    .createTable('order_number_counters')
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_number_counters_pk', ['county_id', 'day'])
    .execute()

  const paid = await db
    .selectFrom('orders')
    .innerJoin('counties', 'counties.id', 'orders.county_id')
    .innerJoin('pickup_points', 'pickup_points.id', 'orders.pickup_point_id')
    .select((eb) => [
      'orders.id as id',
      'orders.county_id as county',
      'orders.paid_at as paid',
      'counties.cutoff_time as cutoff',
      'counties.collection_run_time as leaves',
      'counties.run_duration_minutes as minutes',
      'pickup_points.opens_at as opens',
      'pickup_points.closes_at as closes',
      eb.selectFrom('parcels').select((p) => p.fn.min('parcels.collection_run_date').as('run')).whereRef('parcels.order_id', '=', 'orders.id').as('run'),
    ])
    .where('orders.paid_at', 'is not', null)
    .orderBy('orders.paid_at')
    .orderBy('orders.id')
    .execute()

  const lastSeq = new Map<string, { county: string; day: string; seq: number }>()
  for (const order of paid) {
    const runDate: string =
      order.run ?? collectionRunDateFor(order.paid, { cutoffTime: order.cutoff, collectionRunTime: order.leaves, runDurationMinutes: Number(order.minutes), centerOpens: order.opens, centerCloses: order.closes })
    const day = orderNumberDay(runDate)
    const key = `${order.county}|${day}`
    const seq = (lastSeq.get(key)?.seq ?? 0) + 1
    lastSeq.set(key, { county: order.county, day, seq })
    await db.updateTable('orders').set({ number: formatOrderNumber(runDate, seq) }).where('id', '=', order.id).execute()
  }
  for (const { county, day, seq } of lastSeq.values()) {
    await db.insertInto('order_number_counters').values({ county_id: county, day, last_seq: seq }).execute()
  }

  // Built after the backfill, so it also checks the numbers just given.
  await db.schema.createIndex('orders_number_in_county').on('orders').columns(['county_id', 'number']).unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_number_in_county').execute()
  await db.schema.dropTable('order_number_counters').execute()
  await db.schema.alterTable('orders').dropColumn('number').execute()
}
