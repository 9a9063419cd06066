/**
 * The 6-digit code a buyer shows at the county center to take their order. Six digits are easy
 * to read out and type on a phone keypad; guessing is limited by the server's rate limit, and
 * the code is only unique among the open orders of one county center, so it is short.
 *
 * The randomness source is injected (the server passes node:crypto's `randomBytes`; a test
 * passes a fixed sequence) so this module stays pure and runs in the app and the server alike.
 * Math.random is never good enough here: a predictable code lets someone collect another
 * buyer's lamb.
 */
import { DomainError } from './errors'

export const PICKUP_CODE_LENGTH = 6
export type PickupCode = string
export type RandomBytes = (count: number) => Uint8Array

const CODE_SPACE = 10 ** PICKUP_CODE_LENGTH // 1 000 000 codes, 000000 to 999999
const BYTES_PER_DRAW = 4
const DRAW_SPACE = 2 ** 32
// The largest multiple of CODE_SPACE a 4-byte draw can reach. Draws at or above it are thrown
// away: keeping them and taking `% CODE_SPACE` would make the low codes slightly likelier
// (modulo bias). The chance of a redraw is 0.02 %.
const ACCEPTED_DRAW_LIMIT = DRAW_SPACE - (DRAW_SPACE % CODE_SPACE)
// Only a broken source (say, all 0xFF) is refused this many times in a row.
const MAX_DRAWS = 64

/** Exactly the digits, leading zeros kept: the API's schema and the desk's form read this one. */
export const PICKUP_CODE_PATTERN = new RegExp(`^[0-9]{${PICKUP_CODE_LENGTH}}$`)

export function isPickupCodeFormat(value: unknown): value is PickupCode {
  return typeof value === 'string' && PICKUP_CODE_PATTERN.test(value)
}

/** A uniformly random code, leading zeros kept ('004217'). */
export function generatePickupCode(randomBytes: RandomBytes): PickupCode {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const bytes = randomBytes(BYTES_PER_DRAW)
    // Checked by shape, not `instanceof Uint8Array`: a Node Buffer from another realm (jest's
    // sandbox, a worker) is a Uint8Array that instanceof does not recognise.
    if (!bytes || !(bytes.length >= BYTES_PER_DRAW) || !ArrayBuffer.isView(bytes)) {
      throw new DomainError('pickup_code.bad_random_source', `The random source must return ${BYTES_PER_DRAW} bytes as a Uint8Array`)
    }
    // Multiplication rather than << so the value cannot turn negative past 2^31.
    const value = ((bytes[0] * 256 + bytes[1]) * 256 + bytes[2]) * 256 + bytes[3]
    if (value < ACCEPTED_DRAW_LIMIT) return String(value % CODE_SPACE).padStart(PICKUP_CODE_LENGTH, '0')
  }
  throw new DomainError('pickup_code.bad_random_source', `The random source was out of range ${MAX_DRAWS} times in a row`)
}

export const DEFAULT_PICKUP_CODE_ATTEMPTS = 20

/**
 * A code no open order of the same county center holds (`isTaken` asks the caller). With a
 * million codes and a center's few hundred open orders a clash is rare, so after
 * `maxAttempts` something is wrong and we say so instead of looping.
 */
export function generateUniquePickupCode(
  randomBytes: RandomBytes,
  isTaken: (code: PickupCode) => boolean,
  maxAttempts = DEFAULT_PICKUP_CODE_ATTEMPTS,
): PickupCode {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const code = generatePickupCode(randomBytes)
    if (!isTaken(code)) return code
  }
  throw noFreeCode(maxAttempts)
}

/** The same, for a caller whose `isTaken` asks a database asynchronously. */
export async function generateUniquePickupCodeAsync(
  randomBytes: RandomBytes,
  isTaken: (code: PickupCode) => boolean | Promise<boolean>,
  maxAttempts = DEFAULT_PICKUP_CODE_ATTEMPTS,
): Promise<PickupCode> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const code = generatePickupCode(randomBytes)
    if (!(await isTaken(code))) return code
  }
  throw noFreeCode(maxAttempts)
}

function noFreeCode(maxAttempts: number): DomainError {
  return new DomainError('pickup_code.no_free_code', `No free pickup code found in ${maxAttempts} attempts`, { maxAttempts })
}
