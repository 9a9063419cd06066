import {
  isOrderOpen,
  isPickupCodeShown,
  ORDER_STATUSES,
  ORDER_STATUSES_COUNTING_FOR_SUBSIDY,
  ORDER_STATUSES_HOLDING_PICKUP_CODE,
  ORDER_STATUSES_SHOWING_PICKUP_CODE,
} from '../../src/domain/order-status'
import { isParcelHandedIn, PARCEL_STATUSES, PARCEL_STATUSES_HANDED_IN, PARCEL_STATUSES_ON_VILLAGE_RUN } from '../../src/domain/parcel-status'

/* The named status sets the server's queries read instead of lists written into SQL. */

const only = <S extends string>(all: readonly S[], keep: (s: S) => boolean) => all.filter(keep)

describe('order status sets', () => {
  it('shows the pickup code from payment on, and keeps it after pickup as a record', () => {
    expect([...ORDER_STATUSES_SHOWING_PICKUP_CODE]).toEqual(['paid', 'ready_for_pickup', 'picked_up'])
    expect(only(ORDER_STATUSES, isPickupCodeShown)).toEqual([...ORDER_STATUSES_SHOWING_PICKUP_CODE])
  })

  it('holds a code only while the order is open and paid: the codes a new one must not repeat', () => {
    expect([...ORDER_STATUSES_HOLDING_PICKUP_CODE]).toEqual(['paid', 'ready_for_pickup'])
    expect(only(ORDER_STATUSES, (s) => isOrderOpen(s) && isPickupCodeShown(s))).toEqual([...ORDER_STATUSES_HOLDING_PICKUP_CODE])
  })

  it('counts for the subsidy every order paid and kept, never an expired or cancelled one', () => {
    expect([...ORDER_STATUSES_COUNTING_FOR_SUBSIDY]).toEqual(['paid', 'ready_for_pickup', 'picked_up'])
    expect(ORDER_STATUSES_COUNTING_FOR_SUBSIDY).not.toContain('pending_payment')
    expect(ORDER_STATUSES_COUNTING_FOR_SUBSIDY).not.toContain('expired')
    expect(ORDER_STATUSES_COUNTING_FOR_SUBSIDY).not.toContain('cancelled')
  })
})

describe('parcel status sets', () => {
  it('calls handed in what left the farmer: collected and received', () => {
    expect([...PARCEL_STATUSES_HANDED_IN]).toEqual(['collected', 'received'])
    expect(only(PARCEL_STATUSES, isParcelHandedIn)).toEqual([...PARCEL_STATUSES_HANDED_IN])
  })

  it('puts every parcel but a cancelled one on the village run', () => {
    expect(only(PARCEL_STATUSES, (s) => s !== 'cancelled')).toEqual([...PARCEL_STATUSES_ON_VILLAGE_RUN])
  })
})

describe('every set', () => {
  it('is frozen and names only known statuses', () => {
    for (const [set, all] of [
      [ORDER_STATUSES_SHOWING_PICKUP_CODE, ORDER_STATUSES],
      [ORDER_STATUSES_HOLDING_PICKUP_CODE, ORDER_STATUSES],
      [ORDER_STATUSES_COUNTING_FOR_SUBSIDY, ORDER_STATUSES],
      [PARCEL_STATUSES_HANDED_IN, PARCEL_STATUSES],
      [PARCEL_STATUSES_ON_VILLAGE_RUN, PARCEL_STATUSES],
    ] as [readonly string[], readonly string[]][]) {
      expect(Object.isFrozen(set)).toBe(true)
      for (const status of set) expect(all).toContain(status)
    }
  })
})
