import {
  isParcelHandedIn,
  isParcelStatus,
  PARCEL_STATUSES,
  parcelStatusMachine as parcel,
} from '../../src/domain/parcel-status'

describe('parcel status', () => {
  it('is collected at the village, then received at the county center', () => {
    expect(parcel.next('awaiting_collection')).toEqual(['collected', 'cancelled'])
    expect(parcel.can('collected', 'received')).toBe(true)
    expect(parcel.can('awaiting_collection', 'received')).toBe(false) // no skipping the village
  })

  it('is cancelled only before collection', () => {
    expect(parcel.can('awaiting_collection', 'cancelled')).toBe(true)
    expect(parcel.transition('collected', 'cancelled')).toMatchObject({ ok: false, reason: 'transition.not_allowed' })
  })

  it('steps back one step only, to undo a mistaken tap (parcel-undo.ts)', () => {
    expect(parcel.next('collected')).toEqual(['received', 'awaiting_collection'])
    expect(parcel.next('received')).toEqual(['collected'])
  })

  it('ends cancelled; received is the end of the way unless undone', () => {
    expect(PARCEL_STATUSES.filter(parcel.isTerminal)).toEqual(['cancelled'])
    expect(isParcelStatus('received')).toBe(true)
    expect(isParcelStatus('lost')).toBe(false)
  })

  it('counts as handed in once collected', () => {
    expect(PARCEL_STATUSES.filter(isParcelHandedIn)).toEqual(['collected', 'received'])
  })
})
