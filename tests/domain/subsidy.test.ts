import { isSubsidyActive, orderSubsidyFen } from '../../src/domain/subsidy'

const policy = { capFenPerOrder: 1000, validFrom: '2026-11-01', validUntil: '2026-11-30' }

describe('orderSubsidyFen', () => {
  it('covers shipping up to the cap while the subsidy runs', () => {
    expect(orderSubsidyFen(policy, 600, '2026-11-15T04:00:00.000Z')).toBe(600)
    expect(orderSubsidyFen(policy, 1800, '2026-11-15T04:00:00.000Z')).toBe(1000)
    expect(orderSubsidyFen(policy, 0, '2026-11-15T04:00:00.000Z')).toBe(0)
  })

  it('gives nothing without a policy or outside its dates', () => {
    expect(orderSubsidyFen(null, 1200, '2026-11-15T04:00:00.000Z')).toBe(0)
    expect(orderSubsidyFen(policy, 1200, '2026-12-01T04:00:00.000Z')).toBe(0)
    expect(orderSubsidyFen(policy, 1200, '2026-10-31T04:00:00.000Z')).toBe(0)
  })

  it('counts both dates in, by the China calendar day of the order', () => {
    // 2026-10-31T16:00Z is midnight on 1 November in China: the first day, although UTC still says October.
    expect(isSubsidyActive(policy, '2026-10-31T16:00:00.000Z')).toBe(true)
    expect(isSubsidyActive(policy, '2026-10-31T15:59:59.999Z')).toBe(false)
    // 2026-11-30T15:59Z is 23:59 on the last day in China; a minute later the subsidy has ended.
    expect(isSubsidyActive(policy, '2026-11-30T15:59:59.000Z')).toBe(true)
    expect(isSubsidyActive(policy, '2026-11-30T16:00:00.000Z')).toBe(false)
    expect(isSubsidyActive(policy, new Date('2026-11-30T16:00:00.000Z'))).toBe(false)
  })

  it('refuses a malformed policy rather than guessing', () => {
    const bad = [
      { ...policy, capFenPerOrder: -1 },
      { ...policy, validFrom: '2026-12-01' }, // starts after it ends
      { ...policy, validUntil: '2026-11-31' },
      { ...policy, validFrom: '1 Nov 2026' },
    ]
    for (const p of bad) {
      expect(() => orderSubsidyFen(p, 500, '2026-11-15T04:00:00.000Z')).toThrow(
        expect.objectContaining({ code: 'subsidy.invalid_policy' }),
      )
    }
  })
})
