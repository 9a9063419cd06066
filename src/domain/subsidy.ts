/**
 * The county's shipping subsidy: it pays up to `capFenPerOrder` of an order's shipping, for
 * orders placed from `validFrom` to `validUntil` inclusive, China calendar days. Subsidies are
 * public money granted for a period; they end, and the county claims back exactly what was
 * given, so an order outside the dates gets nothing and the subsidy never exceeds the shipping.
 */
import { chinaDate, isChinaDate, type ChinaDate, type Instant } from './china-time'
import { DomainError } from './errors'
import { isFen, type Fen } from './money'

export interface SubsidyPolicy {
  capFenPerOrder: Fen
  validFrom: ChinaDate
  validUntil: ChinaDate
}

export function assertSubsidyPolicy(policy: SubsidyPolicy): void {
  const valid =
    !!policy &&
    isFen(policy.capFenPerOrder) &&
    isChinaDate(policy.validFrom) &&
    isChinaDate(policy.validUntil) &&
    policy.validFrom <= policy.validUntil
  if (!valid) {
    throw new DomainError(
      'subsidy.invalid_policy',
      'A subsidy has a whole, non-negative cap in fen and YYYY-MM-DD dates with validFrom no later than validUntil',
      { policy },
    )
  }
}

/** Whether an order placed at `orderedAt` falls within the policy's China calendar days. */
export function isSubsidyActive(policy: SubsidyPolicy | null, orderedAt: Instant): boolean {
  if (!policy) return false
  assertSubsidyPolicy(policy)
  const day = chinaDate(orderedAt)
  // 'YYYY-MM-DD' strings compare in calendar order.
  return policy.validFrom <= day && day <= policy.validUntil
}

/** min(shipping, cap) while the subsidy runs; 0 otherwise or without a policy. */
export function orderSubsidyFen(policy: SubsidyPolicy | null, shippingFen: Fen, orderedAt: Instant): Fen {
  if (!isFen(shippingFen)) {
    throw new DomainError('subsidy.invalid_policy', 'Shipping must be whole, non-negative fen', { shippingFen })
  }
  if (!isSubsidyActive(policy, orderedAt)) return 0
  return Math.min(shippingFen, (policy as SubsidyPolicy).capFenPerOrder)
}
