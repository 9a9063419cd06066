import { canUndoParcelStep, PARCEL_UNDO_MINUTES, undoDeadline, type ParcelUndoFacts } from '../../src/domain/parcel-undo'
import { orderStatusMachine } from '../../src/domain/order-status'
import { parcelStatusMachine } from '../../src/domain/parcel-status'

const tapped = '2026-12-01T09:00:00.000Z'
const minutesLater = (m: number) => new Date(Date.parse(tapped) + m * 60_000).toISOString()

const collected = (over: Partial<ParcelUndoFacts> = {}): ParcelUndoFacts => ({
  parcel: { status: 'collected', collectedBy: 'usr_op', collectedAt: tapped, receivedBy: null, receivedAt: null },
  order: { status: 'paid', readyMessageSent: false },
  actorUserId: 'usr_op',
  now: minutesLater(3),
  ...over,
})

const received = (order: ParcelUndoFacts['order'], over: Partial<ParcelUndoFacts> = {}): ParcelUndoFacts => ({
  parcel: { status: 'received', collectedBy: 'usr_op', collectedAt: minutesLater(-600), receivedBy: 'usr_staff', receivedAt: tapped },
  order,
  actorUserId: 'usr_staff',
  now: minutesLater(3),
  ...over,
})

describe('undoing a parcel step', () => {
  it('takes a collect back to awaiting collection, the order untouched', () => {
    expect(canUndoParcelStep(collected())).toEqual({ ok: true, from: 'collected', to: 'awaiting_collection', orderTo: null })
  })

  it('takes a receive back to collected, and a ready order back to paid before the buyer was told', () => {
    expect(canUndoParcelStep(received({ status: 'paid', readyMessageSent: false }))).toMatchObject({ ok: true, to: 'collected', orderTo: null })
    expect(canUndoParcelStep(received({ status: 'ready_for_pickup', readyMessageSent: false }))).toMatchObject({ ok: true, to: 'collected', orderTo: 'paid' })
  })

  it('is for the person who made the step only', () => {
    expect(canUndoParcelStep(collected({ actorUserId: 'usr_other' }))).toMatchObject({ ok: false, reason: 'undo.not_yours' })
    expect(canUndoParcelStep(received({ status: 'paid', readyMessageSent: false }, { actorUserId: 'usr_staff2' }))).toMatchObject({ ok: false, reason: 'undo.not_yours' })
  })

  it('tells the cun xiao’er whose parcel the county has received since that it moved on', () => {
    expect(canUndoParcelStep(received({ status: 'paid', readyMessageSent: false }, { actorUserId: 'usr_op' }))).toMatchObject({ ok: false, reason: 'undo.parcel_moved_on' })
  })

  it(`is open for ${PARCEL_UNDO_MINUTES} minutes`, () => {
    expect(undoDeadline(tapped)).toBe('2026-12-01T09:10:00.000Z')
    expect(canUndoParcelStep(collected({ now: minutesLater(9.99) })).ok).toBe(true)
    expect(canUndoParcelStep(collected({ now: minutesLater(10) }))).toMatchObject({ ok: false, reason: 'undo.too_late' })
  })

  it('is refused once the order has moved on', () => {
    expect(canUndoParcelStep(received({ status: 'ready_for_pickup', readyMessageSent: true }))).toMatchObject({ ok: false, reason: 'undo.order_moved_on' })
    expect(canUndoParcelStep(received({ status: 'picked_up', readyMessageSent: true }))).toMatchObject({ ok: false, reason: 'undo.order_moved_on' })
    expect(canUndoParcelStep(received({ status: 'picked_up', readyMessageSent: false }))).toMatchObject({ ok: false, reason: 'undo.order_moved_on' })
    expect(canUndoParcelStep(collected({ order: { status: 'cancelled', readyMessageSent: false } }))).toMatchObject({ ok: false, reason: 'undo.order_moved_on' })
  })

  it('has nothing to undo while the parcel waits or after it was cancelled', () => {
    const waiting = collected({ parcel: { status: 'awaiting_collection', collectedBy: null, collectedAt: null, receivedBy: null, receivedAt: null } })
    expect(canUndoParcelStep(waiting)).toMatchObject({ ok: false, reason: 'undo.nothing_to_undo' })
    expect(canUndoParcelStep({ ...waiting, parcel: { ...waiting.parcel, status: 'cancelled' } })).toMatchObject({ ok: false, reason: 'undo.nothing_to_undo' })
  })

  it('is a transition of the parcel and order machines, never a skip', () => {
    expect(parcelStatusMachine.can('received', 'awaiting_collection')).toBe(false)
    expect(parcelStatusMachine.can('cancelled', 'awaiting_collection')).toBe(false)
    expect(orderStatusMachine.can('picked_up', 'paid')).toBe(false)
  })
})
