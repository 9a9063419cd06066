import { checkOfflineReference, checkSecondPerson, OFFLINE_REFERENCE_MAX_LENGTH, payoutRunStatusMachine, payoutStatusForTransfer, payoutStatusMachine, PAYOUT_STATUSES, PAYOUT_STATUSES_IN_FLIGHT } from '../../src/domain/payouts'

describe('payouts', () => {
  it('a run is approved or rejected once', () => {
    expect(payoutRunStatusMachine.can('awaiting_approval', 'approved')).toBe(true)
    expect(payoutRunStatusMachine.can('approved', 'rejected')).toBe(false)
    expect(payoutRunStatusMachine.isTerminal('rejected')).toBe(true)
  })

  it('a payout ends paid, returned or withdrawn, and never leaves those', () => {
    for (const end of ['paid', 'returned', 'withdrawn'] as const) expect(payoutStatusMachine.isTerminal(end)).toBe(true)
    expect(payoutStatusMachine.can('awaiting_confirmation', 'paid')).toBe(true)
    expect(payoutStatusMachine.can('drafted', 'paid')).toBe(false)
    expect(() => payoutStatusMachine.assertTransition('paid', 'returned')).toThrow(expect.objectContaining({ code: 'state_machine.transition_refused' }))
    expect(PAYOUT_STATUSES_IN_FLIGHT.every((s) => PAYOUT_STATUSES.includes(s) && !payoutStatusMachine.isTerminal(s))).toBe(true)
  })

  it('reads WeChat Pay’s bill states', () => {
    expect(payoutStatusForTransfer('SUCCESS')).toBe('paid')
    expect(payoutStatusForTransfer('FAIL')).toBe('returned')
    expect(payoutStatusForTransfer('CANCELLED')).toBe('returned')
    expect(payoutStatusForTransfer('WAIT_USER_CONFIRM')).toBe('awaiting_confirmation')
    expect(payoutStatusForTransfer('PROCESSING')).toBeNull()
    expect(payoutStatusForTransfer('CANCELING')).toBeNull()
  })

  it('needs a second clerk of the same county', () => {
    const a = { userId: 'usr_a', countyId: 'cty_1' }
    expect(checkSecondPerson(a, a)).toMatchObject({ ok: false, reason: 'payout.same_person' })
    expect(checkSecondPerson(a, { userId: 'usr_b', countyId: 'cty_2' })).toMatchObject({ ok: false, reason: 'payout.other_county' })
    expect(checkSecondPerson(a, { userId: 'usr_b', countyId: 'cty_1' })).toEqual({ ok: true })
  })
})

describe('checkOfflineReference', () => {
  it('keeps a reference trimmed, up to 100 characters as a person counts them', () => {
    expect(checkOfflineReference('  现金 收据0012 ')).toEqual({ ok: true, reference: '现金 收据0012' })
    expect(checkOfflineReference('🌾'.repeat(OFFLINE_REFERENCE_MAX_LENGTH))).toMatchObject({ ok: true })
    expect(checkOfflineReference('a'.repeat(OFFLINE_REFERENCE_MAX_LENGTH + 1))).toEqual({ ok: false, reason: 'payout.reference_too_long' })
  })

  it('refuses an empty reference and one that is not plain text', () => {
    expect(checkOfflineReference(' \t ')).toEqual({ ok: false, reason: 'payout.reference_empty' })
    expect(checkOfflineReference('收据\n0012')).toEqual({ ok: false, reason: 'payout.reference_not_plain' })
    expect(checkOfflineReference('收据\u00000012')).toEqual({ ok: false, reason: 'payout.reference_not_plain' })
  })
})
