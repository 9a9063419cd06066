/**
 * Which collection run a page opens on when the person asks for none. Opening on "today" was
 * wrong half the day: in the evening today's run has long left the villages, and an order paid
 * after the 16:00 cut-off travels the day after tomorrow (pickup-window.ts).
 *
 * The village: the cun xiao'er wants the next run that still has parcels to fetch from farmers.
 * Today's run counts until it reaches the county center (collectionRunTime + runDurationMinutes):
 * at 08:00 the truck is loading and the last parcels are being recorded as they go on board;
 * once it has arrived, what was not on it missed it, and the work is for tomorrow's run or later.
 * With nothing left to fetch, tomorrow's run, the one today's paid orders fill.
 *
 * The county: staff want the earliest run with parcels on their way, handed in at a village but
 * not yet received at the center, however old (a parcel not received is one to look for). With
 * none, today's run.
 */
import { addChinaDays, chinaDate, chinaMinuteOfDay, clockTimeToMinutes, type ChinaDate, type Instant } from './china-time'
import type { PickupRules } from './pickup-window'

export type RunTimes = Pick<PickupRules, 'collectionRunTime' | 'runDurationMinutes'>

/** The first run date the village can still hand parcels to, at `now`. */
export function firstOpenVillageRun(now: Instant, rules: RunTimes): ChinaDate {
  const today = chinaDate(now)
  const arrives = clockTimeToMinutes(rules.collectionRunTime) + rules.runDurationMinutes
  return chinaMinuteOfDay(now) < arrives ? today : addChinaDays(today, 1)
}

/** `datesAwaitingCollection`: the run dates of the village's parcels still with their farmers. */
export function defaultVillageRunDate(now: Instant, rules: RunTimes, datesAwaitingCollection: readonly ChinaDate[]): ChinaDate {
  const first = firstOpenVillageRun(now, rules)
  const open = datesAwaitingCollection.filter((date) => date >= first).sort()
  return open[0] ?? addChinaDays(chinaDate(now), 1)
}

/** `datesAwaitingReceipt`: the run dates of the county's parcels collected but not yet received. */
export function defaultManifestRunDate(now: Instant, datesAwaitingReceipt: readonly ChinaDate[]): ChinaDate {
  return [...datesAwaitingReceipt].sort()[0] ?? chinaDate(now)
}
