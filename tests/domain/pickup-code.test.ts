import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import {
  generatePickupCode,
  generateUniquePickupCode,
  generateUniquePickupCodeAsync,
  isPickupCodeFormat,
  PICKUP_CODE_LENGTH,
} from '../../src/domain/pickup-code'

/** A random source that plays back fixed 4-byte draws and counts them. */
function playback(...draws: number[][]) {
  const source = (count: number) => {
    expect(count).toBe(4)
    const draw = draws[source.calls++]
    if (!draw) throw new Error('the test ran out of draws')
    return Uint8Array.from(draw)
  }
  source.calls = 0
  return source
}

const bytesOf = (value: number) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]
const ACCEPTED_LIMIT = 4_294_000_000 // the largest multiple of 10^6 below 2^32

describe('generatePickupCode', () => {
  it('keeps leading zeros', () => {
    expect(generatePickupCode(playback([0, 0, 0, 0]))).toBe('000000')
    expect(generatePickupCode(playback(bytesOf(1_000_123)))).toBe('000123')
    expect(generatePickupCode(playback(bytesOf(987_654)))).toBe('987654')
  })

  it('throws away draws that would bias the low codes, and draws again', () => {
    const source = playback([255, 255, 255, 255], bytesOf(ACCEPTED_LIMIT), bytesOf(42))
    expect(generatePickupCode(source)).toBe('000042')
    expect(source.calls).toBe(3)
    // The last accepted draw is still used.
    expect(generatePickupCode(playback(bytesOf(ACCEPTED_LIMIT - 1)))).toBe('999999')
  })

  it('maps every accepted draw to its remainder, so each code has the same number of draws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ACCEPTED_LIMIT - 1 }), (value) => {
        expect(generatePickupCode(playback(bytesOf(value)))).toBe(String(value % 1_000_000).padStart(6, '0'))
      }),
    )
    expect(ACCEPTED_LIMIT % 1_000_000).toBe(0)
    expect(2 ** 32 - ACCEPTED_LIMIT).toBeLessThan(1_000_000)
  })

  it('always gives six ASCII digits from a real random source', () => {
    const codes = Array.from({ length: 2000 }, () => generatePickupCode(randomBytes))
    expect(codes.every((code) => /^[0-9]{6}$/.test(code) && code.length === PICKUP_CODE_LENGTH)).toBe(true)
    expect(new Set(codes).size).toBeGreaterThan(1990) // a constant or narrow source would fail here
  })

  it('always gives six digits, whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 4, maxLength: 4 }), { minLength: 64, maxLength: 64 }), (draws) => {
        let i = 0
        try {
          expect(isPickupCodeFormat(generatePickupCode(() => draws[i++]))).toBe(true)
        } catch (error) {
          // Only 64 out-of-range draws in a row may refuse; it is astronomically unlikely.
          expect(error).toMatchObject({ code: 'pickup_code.bad_random_source' })
        }
      }),
    )
  })

  it('refuses a broken random source instead of looping', () => {
    expect(() => generatePickupCode(() => Uint8Array.from([255, 255, 255, 255]))).toThrow(
      expect.objectContaining({ code: 'pickup_code.bad_random_source' }),
    )
    expect(() => generatePickupCode(() => new Uint8Array(2))).toThrow(
      expect.objectContaining({ code: 'pickup_code.bad_random_source' }),
    )
  })
})

describe('generateUniquePickupCode', () => {
  it('skips codes already held by open orders of the center', () => {
    const taken = new Set(['000001', '000002'])
    const source = playback(bytesOf(1), bytesOf(2), bytesOf(3))
    expect(generateUniquePickupCode(source, (code) => taken.has(code))).toBe('000003')
    expect(source.calls).toBe(3)
  })

  it('gives up after maxAttempts with a DomainError', () => {
    let asked = 0
    const isTaken = () => {
      asked++
      return true
    }
    expect(() => generateUniquePickupCode(randomBytes, isTaken, 5)).toThrow(
      expect.objectContaining({ code: 'pickup_code.no_free_code' }),
    )
    expect(asked).toBe(5)
    asked = 0
    expect(() => generateUniquePickupCode(randomBytes, isTaken)).toThrow(expect.objectContaining({ code: 'pickup_code.no_free_code' }))
    expect(asked).toBe(20)
  })

  it('works with an asynchronous check against the database', async () => {
    const source = playback(bytesOf(7), bytesOf(8))
    await expect(generateUniquePickupCodeAsync(source, async (code) => code === '000007')).resolves.toBe('000008')
    await expect(generateUniquePickupCodeAsync(randomBytes, async () => true, 3)).rejects.toMatchObject({
      code: 'pickup_code.no_free_code',
    })
  })
})

describe('isPickupCodeFormat', () => {
  it('accepts exactly six ASCII digits', () => {
    expect(['000000', '123456', '999999'].every(isPickupCodeFormat)).toBe(true)
    expect(['12345', '1234567', '12345a', ' 123456', '１２３４５６', '١٢٣٤٥٦', 123456, null].some(isPickupCodeFormat)).toBe(false)
  })
})
