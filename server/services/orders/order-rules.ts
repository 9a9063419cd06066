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

/** How long a process keeps a pickup point's rules. No API changes them: they are set in the
 *  database by hand, at most a few times a year, and every order and quote reads them. */
export const RULES_KEPT_MS = 10_000

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

/** Each pickup point's rules, kept for RULES_KEPT_MS. Read through whichever executor the caller
 *  holds: inside a transaction, its own (on SQLite the one connection is the transaction's). */
export interface OrderRulesCache {
  of(db: Kysely<DB>, pickupPointId: string): Promise<OrderRules>
}

export function createOrderRulesCache(now: () => number = Date.now): OrderRulesCache {
  const kept = new Map<string, { rules: OrderRules; readAt: number }>()
  return {
    async of(db, pickupPointId) {
      const hit = kept.get(pickupPointId)
      const age = hit ? now() - hit.readAt : Infinity
      // A clock set back (tests, a corrected server clock) reads them again too.
      if (hit && age >= 0 && age < RULES_KEPT_MS) return hit.rules
      const rules = await loadOrderRules(db, pickupPointId)
      kept.set(pickupPointId, { rules, readAt: now() })
      return rules
    },
  }
}

/** The rules through the process's cache when there is one, else read now. */
export function orderRulesOf(db: Kysely<DB>, pickupPointId: string, cache?: OrderRulesCache): Promise<OrderRules> {
  return cache ? cache.of(db, pickupPointId) : loadOrderRules(db, pickupPointId)
}
