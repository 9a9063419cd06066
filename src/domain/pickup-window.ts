/**
 * When a buyer can collect an order at the county center. Everything is China wall-clock time
 * (china-time.ts), whatever the zone of the server or of the buyer's phone.
 *
 * The county's rhythm: orders paid before the daily cut-off go on the next morning's collection
 * run, which leaves the villages at `collectionRunTime`; orders paid at or after the cut-off
 * wait one more day, because the operators collect parcels from farmers the evening before.
 * The run takes `runDurationMinutes` to reach the county center. Parcels arriving before
 * opening are ready at opening; arriving at or after closing, or on a day the center is
 * closed, they are ready at the next open day's opening. A window runs until that day's closing.
 */
import {
  addChinaDays,
  chinaDate,
  chinaInstant,
  chinaMinuteOfDay,
  chinaWeekday,
  clockTimeToMinutes,
  isChinaDate,
  isClockTime,
  MINUTES_PER_DAY,
  type ChinaDate,
  type ClockTime,
  type Instant,
} from './china-time'
import { DomainError } from './errors'

export interface PickupRules {
  /** Daily order cut-off, China time: paid strictly before it → next morning's run. */
  cutoffTime: ClockTime
  /** The collection run leaves the villages at this time, the morning after the cut-off. */
  collectionRunTime: ClockTime
  runDurationMinutes: number
  centerOpens: ClockTime
  centerCloses: ClockTime
  /** Weekdays the county center is closed, 0 = Sunday … 6 = Saturday. */
  closedWeekdays?: readonly number[]
  /** Single days the center is closed, such as the Spring Festival. */
  closedDates?: readonly ChinaDate[]
}

export interface PickupEstimate {
  /** The run that carries the parcels, as `/county/manifest?date=` and `/village/parcels?date=` use it. */
  collectionRunDate: ChinaDate
  /** The China calendar day the order can first be collected. */
  pickupDate: ChinaDate
  /** ISO UTC instants. */
  readyFrom: string
  readyUntil: string
}

export function assertPickupRules(rules: PickupRules): void {
  const problem = pickupRulesProblem(rules)
  if (problem) throw new DomainError('pickup_window.invalid_rules', problem, { rules })
}

function pickupRulesProblem(rules: PickupRules): string | null {
  if (!rules) return 'Pickup rules are missing'
  for (const field of ['cutoffTime', 'collectionRunTime', 'centerOpens', 'centerCloses'] as const) {
    if (!isClockTime(rules[field])) return `${field} must be a time of day written HH:mm`
  }
  if (!Number.isSafeInteger(rules.runDurationMinutes) || rules.runDurationMinutes < 0) {
    return 'runDurationMinutes must be a whole, non-negative number of minutes'
  }
  if (clockTimeToMinutes(rules.centerOpens) >= clockTimeToMinutes(rules.centerCloses)) {
    return 'The county center must open before it closes'
  }
  const closed = rules.closedWeekdays ?? []
  if (!closed.every((day) => Number.isInteger(day) && day >= 0 && day <= 6)) {
    return 'closedWeekdays are whole numbers from 0 (Sunday) to 6 (Saturday)'
  }
  // A center closed every day would leave every order without a pickup day.
  if (new Set(closed).size >= 7) return 'The county center must open on at least one weekday'
  if (!(rules.closedDates ?? []).every(isChinaDate)) return 'closedDates are calendar days written YYYY-MM-DD'
  return null
}

/** The collection run an order paid at `paidAt` goes on. */
export function collectionRunDateFor(paidAt: Instant, rules: PickupRules): ChinaDate {
  assertPickupRules(rules)
  const beforeCutoff = chinaMinuteOfDay(paidAt) < clockTimeToMinutes(rules.cutoffTime)
  return addChinaDays(chinaDate(paidAt), beforeCutoff ? 1 : 2)
}

export function isCenterOpenOn(date: ChinaDate, rules: PickupRules): boolean {
  return !(rules.closedWeekdays ?? []).includes(chinaWeekday(date)) && !(rules.closedDates ?? []).includes(date)
}

export function estimatePickup(paidAt: Instant, rules: PickupRules): PickupEstimate {
  const collectionRunDate = collectionRunDateFor(paidAt, rules)
  const opens = clockTimeToMinutes(rules.centerOpens)
  const closes = clockTimeToMinutes(rules.centerCloses)

  // A long run may arrive after midnight, on a later calendar day.
  const arrival = clockTimeToMinutes(rules.collectionRunTime) + rules.runDurationMinutes
  let pickupDate = addChinaDays(collectionRunDate, Math.floor(arrival / MINUTES_PER_DAY))
  let readyMinute = arrival % MINUTES_PER_DAY

  if (!isCenterOpenOn(pickupDate, rules) || readyMinute >= closes) {
    pickupDate = nextOpenDay(addChinaDays(pickupDate, 1), rules)
    readyMinute = opens
  }
  readyMinute = Math.max(readyMinute, opens)

  return {
    collectionRunDate,
    pickupDate,
    readyFrom: chinaInstant(pickupDate, readyMinute).toISOString(),
    readyUntil: chinaInstant(pickupDate, closes).toISOString(),
  }
}

function nextOpenDay(from: ChinaDate, rules: PickupRules): ChinaDate {
  let day = from
  // Terminates: at least one weekday is open and closedDates is a finite list.
  while (!isCenterOpenOn(day, rules)) day = addChinaDays(day, 1)
  return day
}
