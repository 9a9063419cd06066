import fc from 'fast-check'
import { forbiddenCharacterIn, hasForbiddenControlCharacters } from '../../src/domain/plain-text'

/* The oracle is the platform's own: \p{Cc} is exactly C0, DEL and C1, and encodeURIComponent
   throws on a lone surrogate, because it cannot be written as UTF-8. */
const isWellFormed = (text: string) => {
  try {
    encodeURIComponent(text)
    return true
  } catch {
    return false
  }
}
const oracle = (text: string, multiline: boolean) => {
  const control = multiline ? /[^\P{Cc}\t\n\r]/u : /\p{Cc}/u
  return control.test(text) || !isWellFormed(text)
}

// Any UTF-16 code unit, so lone surrogates and control characters turn up often enough.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))

describe('hasForbiddenControlCharacters', () => {
  it('accepts what people type: hanzi, full-width punctuation, emoji, rare hanzi outside the BMP', () => {
    for (const text of ['草原羔羊肉 羊排', '六月龄羔羊，当天宰杀！', '羊肉🐑', '𠮷野家', 'ZWJ 👨‍👩‍👧', '']) {
      expect(hasForbiddenControlCharacters(text)).toBe(false)
    }
  })

  it.each([
    ['NUL', '\u0000'],
    ['a bell', '\u0007'],
    ['a backspace', '\b'],
    ['a vertical tab', '\v'],
    ['a form feed', '\f'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['C1 CSI', '\u009b'],
  ])('refuses %s anywhere, even in a multi-line field', (_name, character) => {
    for (const multiline of [false, true]) {
      expect(forbiddenCharacterIn(`羊${character}肉`, { multiline })).toBe('control_character')
      expect(hasForbiddenControlCharacters(character, { multiline })).toBe(true)
    }
  })

  it('allows line breaks and tabs in a multi-line field only', () => {
    for (const text of ['第一行\n第二行', 'Windows\r\n换行', '品种\t杜泊羊']) {
      expect(hasForbiddenControlCharacters(text, { multiline: true })).toBe(false)
      expect(forbiddenCharacterIn(text)).toBe('control_character')
    }
  })

  it('refuses half of a surrogate pair, alone, at the end or in the wrong order', () => {
    for (const text of ['\ud800', '羊\ud83d', '\udc11肉', '\udc11\ud83d', '🐑'.slice(0, 1)]) {
      expect(forbiddenCharacterIn(text, { multiline: true })).toBe('lone_surrogate')
    }
  })

  it('agrees with the platform on any string of code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit, maxLength: 12 }), fc.boolean(), (text, multiline) => {
        expect(hasForbiddenControlCharacters(text, { multiline })).toBe(oracle(text, multiline))
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts any well-formed text without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (raw) => {
        const text = raw.replace(/\p{Cc}/gu, '')
        expect(forbiddenCharacterIn(text)).toBeNull()
      }),
    )
  })
})
