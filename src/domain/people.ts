/**
 * The people the cun xiao'er adds for the village: a farmer's name and, if she has one, her
 * mobile number. The API's schema and the operator's form both read these.
 */

/** Chinese names are two to four characters; twenty leave room without breaking lists and print-outs. */
export const PERSON_NAME_MAX_LENGTH = 20

/** A mainland China mobile number: 11 digits starting 13 to 19 (what WeChat and SMS reach). */
export const MOBILE_NUMBER_LENGTH = 11
export const MOBILE_NUMBER_PATTERN = /^1[3-9][0-9]{9}$/

export function isMobileNumber(value: unknown): value is string {
  return typeof value === 'string' && MOBILE_NUMBER_PATTERN.test(value)
}
