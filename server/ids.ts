import { createHash, randomBytes } from 'node:crypto'

/* IDs are opaque strings (API.md): a short prefix that says what it names, then 80 random bits
   in lowercase base32, so nobody can count our orders or guess a neighbour's. */
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'

/** What the API accepts as an ID (a path, a field, a cursor): ours, and any other opaque one
 *  rows may carry, but never a character SQL or a log line could misread. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31]
  return out
}

export function newId(prefix: string): string {
  return `${prefix}_${base32(randomBytes(10))}`
}

/** A stable ID for seeded demo data, so `npm run seed` run twice writes the same rows once. */
export function seedId(prefix: string, name: string): string {
  return `${prefix}_${base32(createHash('sha256').update(`xiangji-seed:${prefix}:${name}`).digest().subarray(0, 10))}`
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
