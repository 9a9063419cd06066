import fc from 'fast-check'
import {
  addChinaDays,
  addChinaMonths,
  chinaDate,
  chinaDateTime,
  chinaInstant,
  chinaMinuteOfDay,
  chinaMonth,
  chinaRfc3339,
  chinaWeekday,
  clockTimeToMinutes,
  isChinaDate,
  isClockTime,
  parseInstant,
  toIsoUtc,
} from '../../src/domain/china-time'

describe('parseInstant', () => {
  it('reads ISO instants in UTC or with an explicit offset', () => {
    expect(parseInstant('2026-11-28T05:30:00.000Z').toISOString()).toBe('2026-11-28T05:30:00.000Z')
    expect(parseInstant('2026-11-28T13:30:00+08:00').toISOString()).toBe('2026-11-28T05:30:00.000Z')
    expect(parseInstant('2026-11-28T00:30-05:30').toISOString()).toBe('2026-11-28T06:00:00.000Z')
    expect(parseInstant('2026-11-28T05:30:00.5z').toISOString()).toBe('2026-11-28T05:30:00.500Z')
    expect(toIsoUtc(new Date(Date.UTC(2026, 10, 28, 5, 30)))).toBe('2026-11-28T05:30:00.000Z')
  })

  it.each([
    '2026-11-28T05:30:00', // no zone: would depend on the machine
    '2026-11-28',
    '2026-02-30T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T05:60:00Z',
    '28/11/2026 05:30',
    '',
  ])('refuses %j', (value) => {
    expect(() => parseInstant(value)).toThrow(expect.objectContaining({ code: 'time.invalid_instant' }))
  })

  it('refuses an Invalid Date', () => {
    expect(() => parseInstant(new Date('nonsense'))).toThrow(expect.objectContaining({ code: 'time.invalid_instant' }))
  })

  it('agrees with Date for every instant it writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z') }), (date) => {
        expect(parseInstant(date.toISOString()).getTime()).toBe(date.getTime())
      }),
    )
  })
})

describe('China calendar', () => {
  it('books months in China time and moves across years both ways', () => {
    expect(chinaMonth('2026-11-30T15:59:59.999Z')).toBe('2026-11')
    expect(chinaMonth('2026-11-30T16:00:00.000Z')).toBe('2026-12')
    expect(addChinaMonths('2026-01', -1)).toBe('2025-12')
    expect(addChinaMonths('2025-12', 1)).toBe('2026-01')
    expect(addChinaMonths('2026-11', -13)).toBe('2025-10')
    expect(addChinaMonths('2026-11', 0)).toBe('2026-11')
  })

  it('is eight hours ahead of UTC, so the China day starts at 16:00 UTC the day before', () => {
    expect(chinaDate('2026-11-27T15:59:59.999Z')).toBe('2026-11-27')
    expect(chinaDate('2026-11-27T16:00:00.000Z')).toBe('2026-11-28')
    expect(chinaDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01')
    expect(chinaMinuteOfDay('2026-11-27T16:00:00.000Z')).toBe(0)
    expect(chinaMinuteOfDay('2026-11-27T10:00:00.000Z')).toBe(18 * 60)
  })

  it('turns a China wall-clock time back into the instant', () => {
    expect(chinaInstant('2026-11-28', 9 * 60).toISOString()).toBe('2026-11-28T01:00:00.000Z')
    expect(chinaInstant('2026-11-28', 0).toISOString()).toBe('2026-11-27T16:00:00.000Z')
    expect(chinaInstant('2026-11-28', 1440 + 60).toISOString()).toBe('2026-11-28T17:00:00.000Z')
  })

  it('round-trips any instant through its China day and minute', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') }), (date) => {
        const wholeMinute = new Date(date.getTime() - (date.getTime() % 60_000))
        expect(chinaInstant(chinaDate(wholeMinute), chinaMinuteOfDay(wholeMinute)).getTime()).toBe(wholeMinute.getTime())
      }),
    )
  })

  it('adds days across months and years, and knows the weekday', () => {
    expect(addChinaDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addChinaDays('2026-12-31', 2)).toBe('2027-01-02')
    expect(addChinaDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addChinaDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(chinaWeekday('2026-11-28')).toBe(6) // a Saturday
    expect(chinaWeekday('2026-11-29')).toBe(0)
  })

  it('validates calendar days and clock times', () => {
    expect(['2026-11-28', '2028-02-29'].every(isChinaDate)).toBe(true)
    expect(['2026-02-29', '2026-13-01', '2026-1-1', '26-11-28', 20261128].some(isChinaDate)).toBe(false)
    expect(['00:00', '07:30', '23:59'].every(isClockTime)).toBe(true)
    expect(['24:00', '7:30', '07:60', '0730'].some(isClockTime)).toBe(false)
    expect(clockTimeToMinutes('07:30')).toBe(450)
    expect(() => clockTimeToMinutes('7:30')).toThrow(expect.objectContaining({ code: 'time.invalid_clock_time' }))
    expect(() => addChinaDays('2026-02-30', 1)).toThrow(expect.objectContaining({ code: 'time.invalid_date' }))
  })
})

describe('China wall-clock text', () => {
  // Half past midnight in China is still the previous day in UTC: the date must roll over.
  const instant = '2026-03-01T16:30:00Z'

  it('writes the subsidy report’s time as the China wall clock', () => {
    expect(chinaDateTime(instant)).toBe('2026-03-02 00:30:00')
    expect(chinaDateTime(new Date(Date.UTC(2026, 2, 1, 16, 30, 0, 999)))).toBe('2026-03-02 00:30:00')
    expect(chinaDateTime('2026-12-31T15:59:59.000Z')).toBe('2026-12-31 23:59:59')
  })

  it('writes WeChat Pay’s RFC 3339 time with +08:00 and whole seconds', () => {
    expect(chinaRfc3339(instant)).toBe('2026-03-02T00:30:00+08:00')
    expect(chinaRfc3339(new Date(Date.UTC(2026, 2, 1, 16, 30, 0, 250)))).toBe('2026-03-02T00:30:00+08:00')
    expect(chinaRfc3339('2026-12-31T16:00:00Z')).toBe('2027-01-01T00:00:00+08:00')
  })

  it('names the same instant it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const whole = Math.floor(ms / 1000) * 1000
        expect(parseInstant(chinaRfc3339(new Date(ms))).getTime()).toBe(whole)
        expect(chinaDateTime(new Date(ms)).slice(0, 10)).toBe(chinaDate(new Date(ms)))
      }),
    )
  })
})
