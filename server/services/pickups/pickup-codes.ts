import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/* Pickup codes are never stored as they are: a keyed hash (HMAC) of center and code finds the
   order when staff type the code at their center, and a sealed copy (AES-256-GCM) is what the
   buyer's order page shows. A copy of the database alone gives neither. Both keys come from the
   one server secret. */

/** A sealed code this server cannot open: sealed under another secret (a process started with a
    secret of its own) or damaged. Never the buyer's fault, and never a reason to guess. */
export class SealedCodeUnreadable extends Error {
  constructor() {
    super('the pickup code was sealed with another secret; set the same XIANGJI_PICKUP_CODE_SECRET on every server process')
  }
}

export interface PickupCodes {
  /** The lookup key of a code at one pickup point: the same code elsewhere hashes differently. */
  hash(pickupPointId: string, code: string): string
  seal(code: string): string
  /** Throws SealedCodeUnreadable when the code was not sealed with this server's secret. */
  open(sealed: string): string
}

export function createPickupCodes(secret: Buffer): PickupCodes {
  const hashKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'xiangji pickup code hash', 32))
  const sealKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'xiangji pickup code seal', 32))
  return {
    hash: (pickupPointId, code) => createHmac('sha256', hashKey).update(`${pickupPointId}\n${code}`).digest('hex'),
    seal(code) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv)
      const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()])
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64')
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64')
      if (bytes.length < 12 + 16) throw new SealedCodeUnreadable()
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealKey, bytes.subarray(0, 12))
        decipher.setAuthTag(bytes.subarray(bytes.length - 16))
        return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8')
      } catch {
        throw new SealedCodeUnreadable()
      }
    },
  }
}
