/* The operator's "add a farmer" form, checked before sending. Limits as the server's, both read
   from src/domain/people.ts: a name of 1–20 characters in plain text, a mainland mobile number. */
import { isMobileNumber, PERSON_NAME_MAX_LENGTH } from '../domain/people'
import { hasForbiddenControlCharacters } from '../domain/plain-text'
import { workStrings } from '../strings/work'

export interface NewFarmerErrors {
  name?: string
  phone?: string
}

export function checkNewFarmer(name: string, phone: string): NewFarmerErrors {
  const found: NewFarmerErrors = {}
  const trimmed = name.trim()
  if (!trimmed) found.name = workStrings.farmers.nameEmpty
  else if ([...trimmed].length > PERSON_NAME_MAX_LENGTH) found.name = workStrings.farmers.nameTooLong
  else if (hasForbiddenControlCharacters(trimmed)) found.name = workStrings.farmers.nameUnreadable
  if (phone.trim() && !isMobileNumber(phone.trim())) found.phone = workStrings.farmers.phoneInvalid
  return found
}
