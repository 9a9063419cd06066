/* Instants as the buyer, the farmer and the operator read them: China time, whatever the
   phone's zone (see domain/china-time.ts). Only subpackage pages import this, with dayjs. */
import { chinaDate, chinaMinuteOfDay, type Instant } from '../domain/china-time'

const pad = (n: number) => String(n).padStart(2, '0')

/** '13:30' in China time. */
export function chinaClock(instant: Instant): string {
  const minutes = chinaMinuteOfDay(instant)
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

/** '2026-11-28 13:30' in China time, whatever the phone's zone. */
export function chinaDateTime(instant: Instant): string {
  return `${chinaDate(instant)} ${chinaClock(instant)}`
}
