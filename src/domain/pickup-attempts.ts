/**
 * How many wrong pickup codes a county center's desk may type before it must wait. A code is six
 * digits, so it can be guessed: a million codes and a few hundred orders on the shelf make a lucky
 * guess one in a few thousand. Five wrong tries per staff member in 15 minutes leave room for
 * honest typos; twenty per center stop the same guessing spread over many accounts (a scanned QR
 * code, which carries the order id a guesser does not have, is still accepted then).
 */

export const WRONG_CODE_WINDOW_MINUTES = 15
export const WRONG_CODES_PER_STAFF = 5
export const WRONG_CODES_PER_CENTER = 20

/** The wrong tries counted in the window for one limit, and when the oldest of them was (ms). */
export interface WrongTryTally {
  count: number
  oldest: number | null
  limit: number
}

/**
 * How long until a refused desk may try again: until the oldest wrong try of each limit that is
 * reached leaves the window (the count then falls below the limit, since it never passes it).
 * At least one second, so a client never retries at once.
 */
export function wrongCodeRetryAfterSeconds(limits: readonly WrongTryTally[], nowMs: number): number {
  const waits = limits
    .filter((l) => l.count >= l.limit && l.oldest !== null)
    .map((l) => Math.ceil((l.oldest! + WRONG_CODE_WINDOW_MINUTES * 60_000 - nowMs) / 1000))
  return Math.max(1, ...waits)
}
