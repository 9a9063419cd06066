/* The listing form's checks, in the farmer's words, before anything is sent: on 3G a round
   trip to learn "price is missing" costs the farmer half a minute. The limits are the server's
   (server/contract/listings.ts listingFieldSchemas); the server checks again. */
import type { ListingInput } from '../api/types'
import type { Category } from '../domain/catalog'
import { yuanToFen } from '../domain/money'
import { hasForbiddenControlCharacters } from '../domain/plain-text'
import { FIXED_UNIT_GRAMS, type Unit } from '../domain/units'
import { workStrings } from '../strings/work'

export const MAX_PHOTOS = 9
export const MAX_TITLE_LENGTH = 40
export const MAX_DESCRIPTION_LENGTH = 1000
const MAX_PRICE_FEN = 10_000_000
const MAX_UNIT_WEIGHT_GRAMS = 200_000
const MAX_STOCK = 1_000_000

export interface DraftFields {
  title: string
  category: Category | null
  unit: Unit | null
  /** As typed, in yuan: '38.5'. Turned into fen only by yuanToFen. */
  price: string
  /** Grams as typed; ignored for kg and jin, whose weight is fixed by definition. */
  unitWeight: string
  stock: string
  description: string
  /** The farmer an operator lists for; null for a farmer's own listing. */
  farmerId: string | null
}

export type DraftField = keyof DraftFields | 'photos'
export type FieldErrors = Partial<Record<DraftField, string>>

export const EMPTY_FIELDS: DraftFields = {
  title: '',
  category: null,
  unit: null,
  price: '',
  unitWeight: '',
  stock: '',
  description: '',
  farmerId: null,
}

export interface PhotoSummary {
  count: number
  anyRefused: boolean
}

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null)

const errors = workStrings.fieldErrors

function checkPrice(text: string): { fen?: number; error?: string } {
  const parsed = yuanToFen(text)
  if (!parsed.ok) {
    if (parsed.reason === 'money.empty') return { error: errors.priceEmpty }
    if (parsed.reason === 'money.too_many_decimals') return { error: errors.priceTooManyDecimals }
    if (parsed.reason === 'money.too_large') return { error: errors.priceTooHigh }
    return { error: errors.priceInvalid }
  }
  if (parsed.fen < 1) return { error: errors.priceTooLow }
  if (parsed.fen > MAX_PRICE_FEN) return { error: errors.priceTooHigh }
  return { fen: parsed.fen }
}

function checkUnitWeight(unit: Unit, text: string): { grams?: number; error?: string } {
  const fixed = FIXED_UNIT_GRAMS[unit]
  if (fixed !== undefined) return { grams: fixed }
  const grams = wholeNumber(text)
  if (grams === null || grams < 1) return { error: errors.unitWeightInvalid }
  if (grams > MAX_UNIT_WEIGHT_GRAMS) return { error: errors.unitWeightTooHigh }
  return { grams }
}

export type DraftCheck = { ok: true; input: ListingInput } | { ok: false; errors: FieldErrors }

/** Every problem at once, so the farmer fixes them in one pass; photo ids are added at submit. */
export function checkDraft(fields: DraftFields, photos: PhotoSummary, forFarmer: boolean): DraftCheck {
  const found: FieldErrors = {}
  if (photos.count === 0) found.photos = errors.photosEmpty
  else if (photos.count > MAX_PHOTOS) found.photos = errors.photosTooMany
  else if (photos.anyRefused) found.photos = errors.photoFailed

  const title = fields.title.trim()
  if (!title) found.title = errors.titleEmpty
  else if ([...title].length > MAX_TITLE_LENGTH) found.title = errors.titleTooLong
  // Pasted text can carry characters the server refuses: say so here, beside the field.
  else if (hasForbiddenControlCharacters(title)) found.title = errors.titleUnreadable

  if (!fields.category) found.category = errors.categoryEmpty
  if (!fields.unit) found.unit = errors.unitEmpty

  const price = checkPrice(fields.price)
  if (price.error) found.price = price.error

  const weight = fields.unit ? checkUnitWeight(fields.unit, fields.unitWeight) : {}
  if (weight.error) found.unitWeight = weight.error

  const stock = wholeNumber(fields.stock)
  if (stock === null) found.stock = errors.stockInvalid
  else if (stock > MAX_STOCK) found.stock = errors.stockTooHigh

  if ([...fields.description].length > MAX_DESCRIPTION_LENGTH) found.description = errors.descriptionTooLong
  else if (hasForbiddenControlCharacters(fields.description, { multiline: true })) found.description = errors.descriptionUnreadable
  if (forFarmer && !fields.farmerId) found.farmerId = errors.farmerEmpty

  if (Object.keys(found).length > 0) return { ok: false, errors: found }
  return {
    ok: true,
    input: {
      title,
      category: fields.category!,
      unit: fields.unit!,
      unitWeightGrams: weight.grams!,
      priceFen: price.fen!,
      stock: stock!,
      photoIds: [],
      description: fields.description.trim(),
    },
  }
}

/** The server names fields as the contract does; the form names them as the farmer types them. */
const SERVER_FIELDS: Record<string, DraftField> = {
  title: 'title',
  category: 'category',
  unit: 'unit',
  unitWeightGrams: 'unitWeight',
  priceFen: 'price',
  stock: 'stock',
  photoIds: 'photos',
  description: 'description',
  farmerId: 'farmerId',
}

/** A 400 VALIDATION_FAILED's details, shown beside the fields they name. The server's own
 *  messages are English for developers, so the farmer reads a Chinese one. */
export function serverFieldErrors(details: Record<string, unknown> | undefined): FieldErrors {
  const found: FieldErrors = {}
  for (const key of Object.keys(details ?? {})) {
    const field = SERVER_FIELDS[key.replace(/^\/?(body\/)?/, '').split(/[/.[]/)[0]]
    if (field) found[field] = errors.server
  }
  return found
}
