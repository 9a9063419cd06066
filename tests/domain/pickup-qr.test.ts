import fc from 'fast-check'
import { parsePickupQr, pickupQrText } from '../../src/domain/pickup-qr'

/* The pickup QR code's text: what the buyer's order page encodes and the county staff's scanner
   parses. The parser must refuse anything that is not exactly our format. */

const idChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split(''))
const orderIds = fc.array(idChar, { minLength: 1, maxLength: 64 }).map((chars) => chars.join(''))
const codes = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'))

describe('pickupQrText', () => {
  it('writes the prefix, the version, the order id and the code', () => {
    expect(pickupQrText('ord_7k2m9x4q0w8e1r5t', '004217')).toBe('XJPICKUP:1:ord_7k2m9x4q0w8e1r5t:004217')
  })

  it('refuses an order id or a code no scanner would accept', () => {
    expect(() => pickupQrText('', '123456')).toThrow(RangeError)
    expect(() => pickupQrText('ord:1', '123456')).toThrow(RangeError)
    expect(() => pickupQrText('x'.repeat(65), '123456')).toThrow(RangeError)
    expect(() => pickupQrText('ord_1', '12345')).toThrow(RangeError)
    expect(() => pickupQrText('ord_1', '1234567')).toThrow(RangeError)
    expect(() => pickupQrText('ord_1', '12345a')).toThrow(RangeError)
    expect(() => pickupQrText('ord_1', 123456 as unknown as string)).toThrow(RangeError)
  })
})

describe('parsePickupQr', () => {
  it('reads back what pickupQrText wrote, for every valid id and code', () => {
    fc.assert(
      fc.property(orderIds, codes, (orderId, code) => {
        expect(parsePickupQr(pickupQrText(orderId, code))).toEqual({ orderId, code })
      }),
    )
  })

  it('keeps leading zeros of the code', () => {
    expect(parsePickupQr('XJPICKUP:1:ord_abc:000042')).toEqual({ orderId: 'ord_abc', code: '000042' })
  })

  it.each([
    ['empty', ''],
    ['only the prefix', 'XJPICKUP'],
    ['another version', 'XJPICKUP:2:ord_abc:123456'],
    ['a lower-case prefix', 'xjpickup:1:ord_abc:123456'],
    ['another prefix', 'XJPICKUX:1:ord_abc:123456'],
    ['a short code', 'XJPICKUP:1:ord_abc:12345'],
    ['a long code', 'XJPICKUP:1:ord_abc:1234567'],
    ['letters in the code', 'XJPICKUP:1:ord_abc:12345a'],
    ['full-width digits', 'XJPICKUP:1:ord_abc:１２３４５６'],
    ['no order id', 'XJPICKUP:1::123456'],
    ['a colon in the order id', 'XJPICKUP:1:ord:abc:123456'],
    ['a space in the order id', 'XJPICKUP:1:ord abc:123456'],
    ['an order id over 64 characters', `XJPICKUP:1:${'a'.repeat(65)}:123456`],
    ['a leading space', ' XJPICKUP:1:ord_abc:123456'],
    ['a trailing newline', 'XJPICKUP:1:ord_abc:123456\n'],
    ['something after the code', 'XJPICKUP:1:ord_abc:123456:extra'],
    ['a URL', 'https://example.com/?q=XJPICKUP:1:ord_abc:123456'],
    ['just a code', '123456'],
  ])('refuses %s', (_name, text) => {
    expect(parsePickupQr(text)).toBeNull()
  })

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 123456, { orderId: 'ord_abc', code: '123456' }, ['XJPICKUP:1:ord_abc:123456']]) {
      expect(parsePickupQr(value)).toBeNull()
    }
  })

  it('never throws, and anything it accepts is exactly the format', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.string().map((s) => `XJPICKUP:1:${s}`)), (text) => {
        const parsed = parsePickupQr(text)
        if (parsed) expect(pickupQrText(parsed.orderId, parsed.code)).toBe(text)
      }),
    )
  })
})
