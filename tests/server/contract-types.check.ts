/* Type-level twins of tests/server/contract.test.ts: the contract's Static<> types are the
   domain's (and the database's) own unions, exactly, both ways. Nothing here runs; the test
   compiles this file and fails on any error, and so does `npm run typecheck`. */
import type { CaseKind, CaseReporter, CaseStatus } from '../../src/domain/after-sale'
import type { Category } from '../../src/domain/catalog'
import type { SaleEndReason, SaleLineStatus } from '../../src/domain/farmer-sales'
import type { ListingStatus } from '../../src/domain/listing-status'
import type { RequestedLine } from '../../src/domain/order-lines'
import type { OrderStatus } from '../../src/domain/order-status'
import type { ParcelStatus } from '../../src/domain/parcel-status'
import type { ReconciliationRow as DomainReconciliationRow } from '../../src/domain/reconciliation'
import type { PickupEstimate as DomainPickupEstimate } from '../../src/domain/pickup-window'
import type { Unit } from '../../src/domain/units'
import type { AfterSaleCase, CountyCase, ReportCaseInput } from '../../server/contract/cases'
import type { Listing, ListingAction, ListingEvent, ListingQuery } from '../../server/contract/listings'
import type { Order, OrderEvent, OrderLineInput, Parcel, PaymentProviderName, PickupEstimate, Refund } from '../../server/contract/orders'
import type { CommissionKind, DeskOrderLine } from '../../server/contract/parcels'
import type { ReconciliationRow } from '../../server/contract/reconciliation'
import type { SaleLine } from '../../server/contract/sales'
import type { User } from '../../server/contract/users'
import type { CommissionKind as CommissionKindRow, ListingAction as ListingActionRow, OrderEventKind, RefundStatus, Role } from '../../server/db/schema'
import type { ProviderName } from '../../server/services/payments/payment-provider'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
/** Compiles only when A and B are the same type. */
export const same = <A, B>(proof: Equal<A, B>) => proof

// Statuses
same<Order['status'], OrderStatus>(true)
same<Parcel['status'], ParcelStatus>(true)
same<Listing['status'], ListingStatus>(true)
same<ListingEvent['toStatus'], ListingStatus>(true)
same<ListingEvent['fromStatus'], ListingStatus | null>(true)
same<AfterSaleCase['status'], CaseStatus>(true)
same<SaleLine['status'], SaleLineStatus>(true)
same<Refund['status'], RefundStatus>(true)

// Categories, units, kinds, roles
same<Listing['category'], Category>(true)
same<Exclude<ListingQuery['category'], undefined>, Category>(true)
same<Listing['unit'], Unit>(true)
same<Order['lines'][number]['unit'], Unit>(true)
same<CountyCase['unit'], Unit>(true)
same<DeskOrderLine['unit'], Unit>(true)
same<AfterSaleCase['kind'], CaseKind>(true)
same<ReportCaseInput['kind'], CaseKind>(true)
same<AfterSaleCase['reportedBy'], CaseReporter>(true)
same<Exclude<SaleLine['reason'], undefined>, SaleEndReason>(true)
same<OrderEvent['kind'], OrderEventKind>(true)
same<CommissionKind, CommissionKindRow>(true)
same<ListingAction, ListingActionRow>(true)
same<ListingEvent['action'], ListingAction>(true)
same<User['role'], Role>(true)
same<PaymentProviderName, ProviderName>(true)

// Shapes the domain computes
same<PickupEstimate, DomainPickupEstimate>(true)
same<OrderLineInput, RequestedLine>(true)
same<ReconciliationRow, DomainReconciliationRow>(true)

// The check itself catches a drift: a union that lost a member is not the same type.
// @ts-expect-error
same<Order['status'], Exclude<OrderStatus, 'paid'>>(true)
// @ts-expect-error
same<Listing['status'], string>(true)
