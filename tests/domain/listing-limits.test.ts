import * as limits from '../../src/domain/listing-limits'
import { isMobileNumber, MOBILE_NUMBER_LENGTH, MOBILE_NUMBER_PATTERN, PERSON_NAME_MAX_LENGTH } from '../../src/domain/people'

describe('listing limits', () => {
  it('are the figures the API contract names', () => {
    expect(limits).toEqual({
      LISTING_TITLE_MAX_LENGTH: 40,
      LISTING_DESCRIPTION_MAX_LENGTH: 1000,
      LISTING_PHOTOS_MIN: 1,
      LISTING_PHOTOS_MAX: 9,
      LISTING_PRICE_MIN_FEN: 1,
      LISTING_PRICE_MAX_FEN: 10_000_000,
      LISTING_UNIT_WEIGHT_MIN_GRAMS: 1,
      LISTING_UNIT_WEIGHT_MAX_GRAMS: 200_000,
      LISTING_STOCK_MIN: 0,
      LISTING_STOCK_MAX: 1_000_000,
      LISTING_REJECTION_REASON_MAX_LENGTH: 200,
    })
  })

  it('are whole numbers, each minimum below its maximum', () => {
    for (const value of Object.values(limits)) expect(Number.isSafeInteger(value)).toBe(true)
    expect(limits.LISTING_PHOTOS_MIN).toBeLessThan(limits.LISTING_PHOTOS_MAX)
    expect(limits.LISTING_PRICE_MIN_FEN).toBeLessThan(limits.LISTING_PRICE_MAX_FEN)
    expect(limits.LISTING_UNIT_WEIGHT_MIN_GRAMS).toBeLessThan(limits.LISTING_UNIT_WEIGHT_MAX_GRAMS)
    expect(limits.LISTING_STOCK_MIN).toBeLessThan(limits.LISTING_STOCK_MAX)
  })
})

describe('people', () => {
  it('takes a mainland mobile number: 11 digits starting 13 to 19', () => {
    for (const phone of ['13800138000', '19912345678', '15000000000']) expect(isMobileNumber(phone)).toBe(true)
    for (const phone of ['12800138000', '1380013800', '138001380000', '+8613800138000', '1380013800a', ' 13800138000', 13800138000]) {
      expect(isMobileNumber(phone)).toBe(false)
    }
    expect(MOBILE_NUMBER_PATTERN.test('1'.padEnd(MOBILE_NUMBER_LENGTH, '3'))).toBe(true)
  })

  it('keeps a name to twenty characters', () => {
    expect(PERSON_NAME_MAX_LENGTH).toBe(20)
  })
})
