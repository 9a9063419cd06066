import fc from 'fast-check'
import { formatOrderNumber, orderNumberDay, parseOrderNumber } from '../../src/domain/order-number'

/* The short order number: written from the collection run's day and the county's sequence, and
   read back from whatever a desk types or a buyer reads out over the phone. */

describe('formatOrderNumber', () => {
  it('writes the run’s month and day, a dash and the sequence in at least three digits', () => {
    expect(formatOrderNumber('2026-12-03', 17)).toBe('1203-017')
    expect(formatOrderNumber('2027-01-09', 1)).toBe('0109-001')
    expect(formatOrderNumber('2026-12-03', 999)).toBe('1203-999')
    expect(formatOrderNumber('2026-12-03', 1000)).toBe('1203-1000')
    expect(formatOrderNumber('2028-02-29', 5)).toBe('0229-005')
  })

  it('refuses a day that is not a calendar day or a sequence that is not a whole number from 1', () => {
    for (const day of ['2026-13-01', '2026-02-30', '12-03', '', '2026-12-3']) expect(() => formatOrderNumber(day, 1)).toThrow(RangeError)
    for (const seq of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatOrderNumber('2026-12-03', seq)).toThrow(RangeError)
  })

  it('keys the sequence by month and day only', () => {
    expect(orderNumberDay('2026-12-03')).toBe('1203')
    expect(orderNumberDay('2027-12-03')).toBe('1203')
  })
})

describe('parseOrderNumber', () => {
  it.each([
    ['1203-017', '1203-017'],
    ['1203017', '1203-017'],
    [' 1203 017 ', '1203-017'],
    ['1203 - 017', '1203-017'],
    ['1203-17', '1203-017'],
    ['1203 17', '1203-017'],
    ['1203－017', '1203-017'],
    ['１２０３－０１７', '1203-017'],
    ['1203\u3000017', '1203-017'],
    ['1203-1001', '1203-1001'],
    ['12031001', '1203-1001'],
    ['0229-001', '0229-001'],
  ])('reads %j as %s', (text, number) => {
    expect(parseOrderNumber(text)).toBe(number)
  })

  it.each([['1203-000'], ['1303-017'], ['1200-017'], ['0230-001'], ['120317'], ['1203-'], ['ord_1203017'], ['1203-01a'], [''], ['12-03-017'], ['9'.repeat(50)]])('refuses %j', (text) => {
    expect(parseOrderNumber(text)).toBeNull()
  })

  it('refuses what is not text', () => {
    for (const value of [null, undefined, 1203017, {}, ['1203-017']]) expect(parseOrderNumber(value)).toBeNull()
  })

  it('reads back every number formatOrderNumber writes, with or without the dash and spaces', () => {
    const days = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 99_999 }), (day, seq) => {
        const number = formatOrderNumber(day, seq)
        expect(parseOrderNumber(number)).toBe(number)
        expect(parseOrderNumber(number.replace('-', ''))).toBe(number)
        expect(parseOrderNumber(` ${number.replace('-', ' ')} `)).toBe(number)
      }),
    )
  })
})
