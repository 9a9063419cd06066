/**
 * China time (Asia/Shanghai) for every calendar rule: cut-offs, collection runs, subsidy dates.
 * The answer must not depend on the machine: the server may run in UTC, a buyer's phone abroad.
 *
 * China has kept UTC+8 all year since it dropped daylight saving in 1991, so Asia/Shanghai is
 * exactly a fixed +08:00 offset for any date this shop will see. We therefore compute with
 * dayjs in UTC mode shifted by 8 hours, and deliberately do NOT use dayjs's timezone plugin:
 * it relies on Intl time-zone data, which the Android WeChat runtime does not honour (dayjs
 * issue #2635, Taro issue #16078: `.tz('Asia/Shanghai')` silently uses the phone's zone), and
 * it reads local-time fields, which go wrong around the host's own DST changes.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { DomainError } from './errors'

dayjs.extend(utc)

export const CHINA_TIME_ZONE = 'Asia/Shanghai'
export const CHINA_UTC_OFFSET_MINUTES = 480
export const MINUTES_PER_DAY = 1440
const MS_PER_MINUTE = 60_000

/** A moment in time: a Date, or an ISO 8601 string with `Z` or an explicit `±HH:mm` offset. */
export type Instant = Date | string
/** A calendar day in China, 'YYYY-MM-DD'. */
export type ChinaDate = string
/** A calendar month in China, 'YYYY-MM': how commissions are booked and subsidies claimed. */
export type ChinaMonth = string
/** A time of day on a China wall clock, 'HH:mm' (24 h). */
export type ClockTime = string

// An instant without an offset would be read in the machine's zone, the very bug we avoid.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i

/**
 * Reads an instant field by field with Date.UTC instead of `new Date(string)`, whose accepted
 * formats differ between V8, iOS JavaScriptCore and WeChat's runtimes.
 */
export function parseInstant(value: Instant): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) refuseInstant(value)
    return new Date(value.getTime())
  }
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value.trim()) : null
  if (!match) return refuseInstant(value)
  const [, y, mo, d, h, mi, s = '0', ms = '0', zulu, sign, oh, om] = match
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const
  const wall = Date.UTC(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], Number(ms.padEnd(3, '0')))
  const check = new Date(wall)
  const fieldsExist =
    check.getUTCFullYear() === fields[0] &&
    check.getUTCMonth() === fields[1] &&
    check.getUTCDate() === fields[2] &&
    check.getUTCHours() === fields[3] &&
    check.getUTCMinutes() === fields[4] &&
    check.getUTCSeconds() === fields[5]
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om))
  if (!fieldsExist || Number(om) > 59 || Number(oh) > 14) return refuseInstant(value)
  return new Date(wall - offsetMinutes * MS_PER_MINUTE)
}

function refuseInstant(value: unknown): never {
  throw new DomainError(
    'time.invalid_instant',
    'An instant is a valid Date or an ISO 8601 string with Z or an offset, like 2026-11-28T05:30:00.000Z',
    { value: value instanceof Date ? 'Invalid Date' : value },
  )
}

/** The API's form of an instant: ISO 8601 in UTC with milliseconds. */
export function toIsoUtc(instant: Instant): string {
  return parseInstant(instant).toISOString()
}

// A dayjs in UTC mode whose fields read as the China wall clock. Kept private: its
// toISOString() would lie by 8 hours.
function chinaWallClock(instant: Instant) {
  return dayjs.utc(parseInstant(instant).getTime() + CHINA_UTC_OFFSET_MINUTES * MS_PER_MINUTE)
}

/** The China wall clock of an instant, 'YYYY-MM-DD HH:mm:ss': what a spreadsheet of the county's
    (the subsidy claim) shows; 2026-03-01T16:30:00Z is '2026-03-02 00:30:00'. */
export function chinaDateTime(instant: Instant): string {
  return chinaWallClock(instant).format('YYYY-MM-DD HH:mm:ss')
}

/** RFC 3339 with the +08:00 offset and whole seconds, as WeChat Pay writes its times (time_expire):
    2026-03-01T16:30:00Z is '2026-03-02T00:30:00+08:00'. */
export function chinaRfc3339(instant: Instant): string {
  return chinaWallClock(instant).format('YYYY-MM-DD[T]HH:mm:ss') + '+08:00'
}

/** The China calendar day of an instant: 2026-11-27T16:30:00Z is already '2026-11-28'. */
export function chinaDate(instant: Instant): ChinaDate {
  return chinaWallClock(instant).format('YYYY-MM-DD')
}

/** The China calendar month of an instant: 2026-11-30T16:30:00Z is already '2026-12'. */
export function chinaMonth(instant: Instant): ChinaMonth {
  return chinaDate(instant).slice(0, 7)
}

/** A month moved by whole months: addChinaMonths('2026-01', -1) is '2025-12'. */
export function addChinaMonths(month: ChinaMonth, months: number): ChinaMonth {
  const [year, monthOfYear] = month.split('-').map(Number)
  const index = year * 12 + (monthOfYear - 1) + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Minutes since midnight on the China wall clock (0..1439). */
export function chinaMinuteOfDay(instant: Instant): number {
  const clock = chinaWallClock(instant)
  return clock.hour() * 60 + clock.minute()
}

export function isChinaDate(value: unknown): value is ChinaDate {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value
}

export function assertChinaDate(value: unknown, field = 'date'): asserts value is ChinaDate {
  if (!isChinaDate(value)) {
    throw new DomainError('time.invalid_date', `${field} must be a calendar day written YYYY-MM-DD`, { field, value })
  }
}

export function isClockTime(value: unknown): value is ClockTime {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
}

/** '07:30' → 450. */
export function clockTimeToMinutes(time: ClockTime): number {
  if (!isClockTime(time)) {
    throw new DomainError('time.invalid_clock_time', 'A time of day is written HH:mm, 00:00 to 23:59', { value: time })
  }
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/**
 * The instant at which a China wall clock shows `minutesAfterMidnight` on `date`. Minutes may
 * run past 1440 (a collection run arriving after midnight lands on the next day).
 */
export function chinaInstant(date: ChinaDate, minutesAfterMidnight: number): Date {
  assertChinaDate(date)
  return dayjs
    .utc(date)
    .add(minutesAfterMidnight - CHINA_UTC_OFFSET_MINUTES, 'minute')
    .toDate()
}

export function addChinaDays(date: ChinaDate, days: number): ChinaDate {
  assertChinaDate(date)
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD')
}

/** 0 = Sunday … 6 = Saturday, as JavaScript and dayjs count them. */
export function chinaWeekday(date: ChinaDate): number {
  assertChinaDate(date)
  return dayjs.utc(date).day()
}

/** An instant moved by whole minutes, as ISO UTC: deadlines counted from a step. */
export function addMinutesIso(instant: Instant, minutes: number): string {
  return new Date(parseInstant(instant).getTime() + minutes * MS_PER_MINUTE).toISOString()
}
