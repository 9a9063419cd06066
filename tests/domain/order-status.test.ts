import fc from 'fast-check'
import {
  areAllParcelsReceived,
  canCancelOrder,
  isOrderOpen,
  isOrderStatus,
  isPickupCodeShown,
  ORDER_STATUSES,
  orderStatusMachine as order,
} from '../../src/domain/order-status'
import { PARCEL_STATUSES, type ParcelStatus } from '../../src/domain/parcel-status'

describe('order status', () => {
  it('follows the happy path to pickup', () => {
    expect(order.can('pending_payment', 'paid')).toBe(true)
    expect(order.can('paid', 'ready_for_pickup')).toBe(true)
    expect(order.can('ready_for_pickup', 'picked_up')).toBe(true)
  })

  it('goes back from ready to paid only to undo a parcel received by mistake', () => {
    expect(order.next('ready_for_pickup')).toEqual(['picked_up', 'paid'])
  })

  it('lets an unpaid order expire or be cancelled', () => {
    expect(order.next('pending_payment')).toEqual(['paid', 'expired', 'cancelled'])
  })

  it('never expires a paid order nor cancels one at the county center', () => {
    expect(order.can('paid', 'expired')).toBe(false)
    expect(order.transition('ready_for_pickup', 'cancelled')).toMatchObject({ ok: false, reason: 'transition.not_allowed' })
    expect(order.can('pending_payment', 'picked_up')).toBe(false)
  })

  it('ends picked up, expired or cancelled', () => {
    expect(ORDER_STATUSES.filter(order.isTerminal)).toEqual(['picked_up', 'expired', 'cancelled'])
    expect(ORDER_STATUSES.filter(isOrderOpen)).toEqual(['pending_payment', 'paid', 'ready_for_pickup'])
    expect(isOrderStatus('refunded')).toBe(false)
  })

  it('shows the pickup code once paid', () => {
    expect(ORDER_STATUSES.filter(isPickupCodeShown)).toEqual(['paid', 'ready_for_pickup', 'picked_up'])
  })
})

describe('canCancelOrder', () => {
  it('cancels an unpaid order without a refund', () => {
    expect(canCancelOrder('pending_payment', ['awaiting_collection'])).toEqual({
      ok: true,
      to: 'cancelled',
      refundRequired: false,
    })
  })

  it('cancels and refunds a paid order while every parcel is still with its farmer', () => {
    expect(canCancelOrder('paid', ['awaiting_collection', 'awaiting_collection'])).toEqual({
      ok: true,
      to: 'cancelled',
      refundRequired: true,
    })
  })

  it('refuses once any parcel is handed in at the village, and says why', () => {
    const refusal = canCancelOrder('paid', ['awaiting_collection', 'collected'])
    expect(refusal).toMatchObject({ ok: false, reason: 'order.parcel_handed_in' })
    expect(refusal.ok || refusal.message).toMatch(/handed in/)
    expect(canCancelOrder('paid', ['received'])).toMatchObject({ ok: false, reason: 'order.parcel_handed_in' })
  })

  it('refuses from statuses the machine does not allow', () => {
    expect(canCancelOrder('ready_for_pickup', ['received'])).toMatchObject({ ok: false, reason: 'transition.not_allowed' })
    expect(canCancelOrder('cancelled', [])).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
    expect(canCancelOrder('picked_up', [])).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
  })

  it('allows a cancellation only where the machine does and no parcel is handed in', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDER_STATUSES),
        fc.array(fc.constantFrom<ParcelStatus>(...PARCEL_STATUSES), { maxLength: 5 }),
        (status, parcels) => {
          const handedIn = parcels.some((p) => p === 'collected' || p === 'received')
          expect(canCancelOrder(status, parcels).ok).toBe(order.can(status, 'cancelled') && !handedIn)
        },
      ),
    )
  })
})

describe('areAllParcelsReceived', () => {
  it('is true only when every parcel, and at least one, is received', () => {
    expect(areAllParcelsReceived(['received', 'received'])).toBe(true)
    expect(areAllParcelsReceived(['received', 'collected'])).toBe(false)
    expect(areAllParcelsReceived([])).toBe(false)
  })
})
