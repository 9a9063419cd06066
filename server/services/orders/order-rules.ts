import type { Kysely } from 'kysely'
import type { BasisPoints } from '../../../src/domain/money'
import type { PickupRules } from '../../../src/domain/pickup-window'
import type { ShippingTariff } from '../../../src/domain/shipping'
import type { SubsidyPolicy } from '../../../src/domain/subsidy'
import type { DB, PickupPointTable } from '../../db/schema'
import { notFound } from '../service-error'
import { closedWeekdaysOf } from '../places/places'

/* The county's rules an order is priced and scheduled by, read from the database into the
   domain's types: its tariff, subsidy, commission rate, and the pickup point's hours. */

export interface OrderRules {
  countyId: string
  pickupPoint: PickupPointTable
  tariff: ShippingTariff
  subsidy: SubsidyPolicy | null
  commissionRateBp: BasisPoints
  pickup: PickupRules
}

export async function loadOrderRules(db: Kysely<DB>, pickupPointId: string): Promise<OrderRules> {
  const point = await db.selectFrom('pickupPoints').selectAll().where('id', '=', pickupPointId).executeTakeFirst()
  if (!point) throw notFound('pickup point')
  const county = await db.selectFrom('counties').selectAll().where('id', '=', point.countyId).executeTakeFirstOrThrow()
  const subsidy =
    county.subsidyCapFen !== null && county.subsidyValidFrom && county.subsidyValidUntil
      ? { capFenPerOrder: county.subsidyCapFen, validFrom: county.subsidyValidFrom, validUntil: county.subsidyValidUntil }
      : null
  return {
    countyId: county.id,
    pickupPoint: point,
    tariff: { firstKgFen: county.shippingFirstKgFen, extraKgFen: county.shippingExtraKgFen },
    subsidy,
    commissionRateBp: county.commissionRateBp,
    pickup: {
      cutoffTime: county.cutoffTime,
      collectionRunTime: county.collectionRunTime,
      runDurationMinutes: county.runDurationMinutes,
      centerOpens: point.opensAt,
      centerCloses: point.closesAt,
      closedWeekdays: closedWeekdaysOf(point),
    },
  }
}
