/**
 * What a listing's fields may hold. The API's schema refuses anything beyond these and the
 * farmer's form says so before sending (on 3G a round trip to learn "too long" costs half a
 * minute), so both read them from here and can never disagree. Lengths count characters as
 * people see them (code points), as JSON Schema's maxLength does.
 */

/** Two lines on a catalog card, and short enough to type on a phone. */
export const LISTING_TITLE_MAX_LENGTH = 40
export const LISTING_DESCRIPTION_MAX_LENGTH = 1000

/** A buyer wants to see the goods; nine is as many as WeChat's chooseMedia picks at once. */
export const LISTING_PHOTOS_MIN = 1
export const LISTING_PHOTOS_MAX = 9

/** A price of at least one fen; ¥100,000 a unit is beyond any village good, so more is a typo. */
export const LISTING_PRICE_MIN_FEN = 1
export const LISTING_PRICE_MAX_FEN = 10_000_000

/** A unit weighs something, and 200 kg is more than a whole lamb: beyond it is a typo. */
export const LISTING_UNIT_WEIGHT_MIN_GRAMS = 1
export const LISTING_UNIT_WEIGHT_MAX_GRAMS = 200_000

/** The cun xiao'er's reason for sending a listing back, shown to the farmer. */
export const LISTING_REJECTION_REASON_MAX_LENGTH = 200

/** Zero is a listing sold out for now; a million is a typo guard, not a warehouse. */
export const LISTING_STOCK_MIN = 0
export const LISTING_STOCK_MAX = 1_000_000
