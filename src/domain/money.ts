/**
 * Money is an integer number of fen (1 yuan = 100 fen); never a float, never yuan.
 *
 * THE ROUNDING RULE. Percentages (commission, any future rate) are integer basis points
 * (1 bp = 0.01 %, 10 000 bp = 100 %), and `applyRate` is the only place a fraction of a fen can
 * appear: it rounds half up to the nearest fen, computed with integers only. One rule,
 * applied once per order line and then summed, so that the buyer's receipt, the farmer's payout,
 * the cun xiao'er's commission statement and the county's subsidy claim all add up to the same
 * fen, whichever side (app, server, a spreadsheet at the county office) recomputes them.
 */
import { DomainError } from './errors'

export type Fen = number

/** A rate in basis points: 150 bp = 1.5 %. */
export type BasisPoints = number
export const BASIS_POINTS_PER_WHOLE = 10_000

/** A safe, non-negative integer: the only shape an amount of money may have. */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

export function assertFen(value: unknown, field = 'amount'): asserts value is Fen {
  if (!isFen(value)) {
    throw new DomainError('money.invalid_fen', `${field} must be a non-negative whole number of fen`, {
      field,
      value,
    })
  }
}

/** ¥38.00 from 3800 fen. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}¥${yuan}.${cents}`
}

export type YuanParseRefusal = 'money.empty' | 'money.invalid_format' | 'money.too_many_decimals' | 'money.too_large'

export type YuanParseResult =
  | { ok: true; fen: Fen }
  | { ok: false; reason: YuanParseRefusal; message: string }

// Whole yuan digits beyond this could not be held as a safe integer of fen.
const MAX_YUAN_DIGITS = 13

/**
 * Reads a price a person typed in yuan ('38', '38.5', '38.50') into fen, digit by digit,
 * because parseFloat('0.29') * 100 is 28.999999999999996. Strict on purpose: no sign, no
 * thousands separators, no ¥, at most two decimals; surrounding spaces are forgiven.
 */
export function yuanToFen(input: string): YuanParseResult {
  const text = typeof input === 'string' ? input.trim() : ''
  if (text === '') return { ok: false, reason: 'money.empty', message: 'Enter a price in yuan' }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) {
    return { ok: false, reason: 'money.invalid_format', message: 'A price is digits with an optional decimal point, like 38.50' }
  }
  const [, whole, decimals = ''] = match
  if (decimals.length > 2) {
    return { ok: false, reason: 'money.too_many_decimals', message: 'A price has at most two decimals (fen)' }
  }
  const significant = whole.replace(/^0+(?=\d)/, '')
  if (significant.length > MAX_YUAN_DIGITS) {
    return { ok: false, reason: 'money.too_large', message: 'That price is too large' }
  }
  const fen = Number(significant) * 100 + Number(decimals.padEnd(2, '0'))
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: 'money.too_large', message: 'That price is too large' }
  return { ok: true, fen }
}

export function isBasisPoints(value: unknown): value is BasisPoints {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BASIS_POINTS_PER_WHOLE
}

/**
 * `amountFen × rateBp / 10 000`, rounded half up to the nearest fen (see the rule at the top).
 * Split as (q·10 000 + r)·rate so every intermediate stays a safe integer: q·rate ≤ amount and
 * r·rate < 10^8, and `%` on integers is exact where a floating division might not be.
 */
export function applyRate(amountFen: Fen, rateBp: BasisPoints): Fen {
  assertFen(amountFen)
  if (!isBasisPoints(rateBp)) {
    throw new DomainError('money.invalid_rate', 'A rate is a whole number of basis points from 0 to 10000', { rateBp })
  }
  const remainder = amountFen % BASIS_POINTS_PER_WHOLE
  const quotient = (amountFen - remainder) / BASIS_POINTS_PER_WHOLE
  const halfUp = remainder * rateBp + BASIS_POINTS_PER_WHOLE / 2
  return quotient * rateBp + (halfUp - (halfUp % BASIS_POINTS_PER_WHOLE)) / BASIS_POINTS_PER_WHOLE
}

/**
 * `amountFen × partFen / wholeFen`, rounded half up like applyRate: the share of an amount that a
 * part of a whole stands for (the commission on the refunded part of a line). Split as
 * (q·whole + r)·part so the products stay exact integers for any line a county could sell.
 */
export function shareOfFen(amountFen: Fen, partFen: Fen, wholeFen: Fen): Fen {
  assertFen(amountFen)
  assertFen(partFen)
  assertFen(wholeFen)
  if (wholeFen === 0 || partFen > wholeFen) {
    throw new DomainError('money.invalid_fen', 'A share is a part no larger than a whole above zero', { partFen, wholeFen })
  }
  const remainder = amountFen % wholeFen
  const quotient = (amountFen - remainder) / wholeFen
  const scaled = remainder * partFen
  if (!Number.isSafeInteger(scaled * 2 + wholeFen)) {
    throw new DomainError('money.invalid_fen', 'That amount is too large to share exactly in fen', { amountFen, wholeFen })
  }
  const halfUp = scaled * 2 + wholeFen
  return quotient * partFen + (halfUp - (halfUp % (2 * wholeFen))) / (2 * wholeFen)
}

/** Sums amounts of fen, refusing a total that would no longer be exact. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0
  for (const amount of amounts) {
    assertFen(amount)
    total += amount
    if (!Number.isSafeInteger(total)) {
      throw new DomainError('money.invalid_fen', 'The total is too large to be counted exactly in fen', { total })
    }
  }
  return total
}
