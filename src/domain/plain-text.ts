/* What a person may type into Xiangji: text, not bytes. PostgreSQL refuses a NUL in a text
   column ("invalid byte sequence for encoding UTF8: 0x00") while SQLite stores it, so the two
   databases would answer the same request differently; half of a surrogate pair cannot be
   written as UTF-8 at all and would silently become U+FFFD; the other control characters are
   invisible and would reach a parcel label, a CSV or a WeChat message as garbage or as a
   forged line. None of them comes from a keyboard or an input method. */

/** Why a text is refused; null when it is plain text. */
export type ForbiddenCharacter = 'control_character' | 'lone_surrogate'

export interface TextKind {
  /** A field typed in a text area (a description, a reason): line breaks and tabs belong there. */
  multiline?: boolean
}

const TAB = 0x09
const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d

function isForbiddenControl(code: number, multiline: boolean): boolean {
  // C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
  if (code < 0x20) return !(multiline && (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN))
  return code >= 0x7f && code <= 0x9f
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** The first reason this text is not plain text, or null. A loop, not a regular expression
 *  with lookbehind, because older WeChat JavaScript engines on iOS cannot parse one. */
export function forbiddenCharacterIn(text: string, kind: TextKind = {}): ForbiddenCharacter | null {
  const multiline = kind.multiline === true
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isForbiddenControl(code, multiline)) return 'control_character'
    if (isHighSurrogate(code)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return 'lone_surrogate'
      i++ // the pair is one character (an emoji, a rare hanzi): skip its second half
    } else if (isLowSurrogate(code)) {
      return 'lone_surrogate'
    }
  }
  return null
}

/** True when the text holds a character that has no place in it (see forbiddenCharacterIn). */
export function hasForbiddenControlCharacters(text: string, kind: TextKind = {}): boolean {
  return forbiddenCharacterIn(text, kind) !== null
}
