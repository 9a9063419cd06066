/**
 * The short order number people read over the phone and find on a shelf: `1203-017`, the month
 * and day of the collection run the order travels on, and its place in that day's sequence of the
 * county. The opaque `ord_…` id stays the API's key; this is only for people.
 *
 * The day is only known once the order is paid (the cut-off decides the run), so numbers are given
 * at payment. They hold no year: the sequence of a calendar day (`1203`) carries on from one year
 * to the next instead of starting at 001 again, so a number never repeats within its county, and a
 * busy day simply reaches four digits (`1203-1001`).
 *
 * Self-contained on purpose: the county desk's page imports it without dayjs.
 */
import type { ChinaDate } from './china-time'

/** The smallest sequence a number shows: `017`, not `17`, so numbers of a day line up. */
export const ORDER_NUMBER_SEQ_DIGITS = 3

const RUN_DATE = /^\d{4}-(\d{2})-(\d{2})$/
// Month and day as a calendar could have them, in any year (29 February included).
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]
}

/** 'MMDD' of a collection run: the key of its county's sequence. */
export function orderNumberDay(runDate: ChinaDate): string {
  const match = typeof runDate === 'string' ? RUN_DATE.exec(runDate) : null
  if (!match || !isMonthDay(Number(match[1]), Number(match[2]))) throw new RangeError(`An order number needs a collection run day written YYYY-MM-DD, not ${String(runDate)}`)
  return match[1] + match[2]
}

/** formatOrderNumber('2026-12-03', 17) is '1203-017'. */
export function formatOrderNumber(runDate: ChinaDate, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`An order number's sequence is a whole number from 1, not ${String(seq)}`)
  return `${orderNumberDay(runDate)}-${String(seq).padStart(ORDER_NUMBER_SEQ_DIGITS, '0')}`
}

// What a person types or reads out: spaces, a dash or none, full-width digits from a Chinese
// keyboard. With a separator (a dash, or a space after the day) the sequence may lose its zeros
// (`1203-17`); without one it must keep them, or `120317` could be 1203-017 or a mistyped day.
const FULL_WIDTH_DIGIT = /[０-９]/g
const SEPARATED = /^(\d{2})(\d{2})[-－—–](\d{1,9})$/
const RUN_TOGETHER = /^(\d{2})(\d{2})(\d{3,9})$/

/** The number in its one written form (`1203-017`), or null if the text cannot be one. */
export function parseOrderNumber(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 40) return null
  const compact = text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .trim()
    // A space after the day is read as the dash: `1203 17` is `1203-017`.
    .replace(/^(\d{4})\s+(?=\d)/, '$1-')
    .replace(/\s+/g, '')
  const match = SEPARATED.exec(compact) ?? RUN_TOGETHER.exec(compact)
  if (!match) return null
  const [, month, day, digits] = match
  const seq = Number(digits)
  if (!isMonthDay(Number(month), Number(day)) || seq < 1) return null
  return `${month}${day}-${String(seq).padStart(ORDER_NUMBER_SEQ_DIGITS, '0')}`
}
