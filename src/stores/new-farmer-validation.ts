/* The operator's "add a farmer" form, checked before sending. Limits as the server's
   (server/routes/farmers.ts): a name of 1–20 characters in plain text, a mainland mobile
   number. */
import { hasForbiddenControlCharacters } from '../domain/plain-text'
import { workStrings } from '../strings/work'

const MAX_NAME_LENGTH = 20
const MOBILE = /^1[3-9]\d{9}$/

export interface NewFarmerErrors {
  name?: string
  phone?: string
}

export function checkNewFarmer(name: string, phone: string): NewFarmerErrors {
  const found: NewFarmerErrors = {}
  const trimmed = name.trim()
  if (!trimmed) found.name = workStrings.farmers.nameEmpty
  else if ([...trimmed].length > MAX_NAME_LENGTH) found.name = workStrings.farmers.nameTooLong
  else if (hasForbiddenControlCharacters(trimmed)) found.name = workStrings.farmers.nameUnreadable
  if (phone.trim() && !MOBILE.test(phone.trim())) found.phone = workStrings.farmers.phoneInvalid
  return found
}
