/* The listing form's checks, in the farmer's words, before anything is sent: on 3G a round
   trip to learn "price is missing" costs the farmer half a minute. The limits are the domain's
   (src/domain/listing-limits.ts), which the server's schema reads too; the server checks again. */
import type { ListingInput } from '../api/types'
import type { Category } from '../domain/catalog'
import {
  LISTING_DESCRIPTION_MAX_LENGTH,
  LISTING_PHOTOS_MAX,
  LISTING_PHOTOS_MIN,
  LISTING_PRICE_MAX_FEN,
  LISTING_PRICE_MIN_FEN,
  LISTING_STOCK_MAX,
  LISTING_STOCK_MIN,
  LISTING_TITLE_MAX_LENGTH,
  LISTING_UNIT_WEIGHT_MAX_GRAMS,
  LISTING_UNIT_WEIGHT_MIN_GRAMS,
} from '../domain/listing-limits'
import { yuanToFen } from '../domain/money'
import { hasForbiddenControlCharacters } from '../domain/plain-text'
import { FIXED_UNIT_GRAMS, type Unit } from '../domain/units'
import { workStrings } from '../strings/work'

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
  if (parsed.fen < LISTING_PRICE_MIN_FEN) return { error: errors.priceTooLow }
  if (parsed.fen > LISTING_PRICE_MAX_FEN) return { error: errors.priceTooHigh }
  return { fen: parsed.fen }
}

function checkUnitWeight(unit: Unit, text: string): { grams?: number; error?: string } {
  const fixed = FIXED_UNIT_GRAMS[unit]
  if (fixed !== undefined) return { grams: fixed }
  const grams = wholeNumber(text)
  if (grams === null || grams < LISTING_UNIT_WEIGHT_MIN_GRAMS) return { error: errors.unitWeightInvalid }
  if (grams > LISTING_UNIT_WEIGHT_MAX_GRAMS) return { error: errors.unitWeightTooHigh }
  return { grams }
}

export type DraftCheck = { ok: true; input: ListingInput } | { ok: false; errors: FieldErrors }

/** Every problem at once, so the farmer fixes them in one pass; photo ids are added at submit. */
export function checkDraft(fields: DraftFields, photos: PhotoSummary, forFarmer: boolean): DraftCheck {
  const found: FieldErrors = {}
  if (photos.count < LISTING_PHOTOS_MIN) found.photos = errors.photosEmpty
  else if (photos.count > LISTING_PHOTOS_MAX) found.photos = errors.photosTooMany
  else if (photos.anyRefused) found.photos = errors.photoFailed

  const title = fields.title.trim()
  if (!title) found.title = errors.titleEmpty
  else if ([...title].length > LISTING_TITLE_MAX_LENGTH) found.title = errors.titleTooLong
  // Pasted text can carry characters the server refuses: say so here, beside the field.
  else if (hasForbiddenControlCharacters(title)) found.title = errors.titleUnreadable

  if (!fields.category) found.category = errors.categoryEmpty
  if (!fields.unit) found.unit = errors.unitEmpty

  const price = checkPrice(fields.price)
  if (price.error) found.price = price.error

  const weight = fields.unit ? checkUnitWeight(fields.unit, fields.unitWeight) : {}
  if (weight.error) found.unitWeight = weight.error

  const stock = wholeNumber(fields.stock)
  if (stock === null || stock < LISTING_STOCK_MIN) found.stock = errors.stockInvalid
  else if (stock > LISTING_STOCK_MAX) found.stock = errors.stockTooHigh

  if ([...fields.description].length > LISTING_DESCRIPTION_MAX_LENGTH) found.description = errors.descriptionTooLong
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

/** A 422 CONTENT_RISKY's `details.fields`: WeChat's content security refused these, shown beside them. */
export function contentRiskyFieldErrors(details: Record<string, unknown> | undefined): FieldErrors {
  const found: FieldErrors = {}
  const fields = Array.isArray(details?.fields) ? details.fields : []
  for (const name of fields) {
    const field = typeof name === 'string' ? SERVER_FIELDS[name] : undefined
    if (field) found[field] = field === 'photos' ? errors.photoRisky : errors.contentRisky
  }
  return found
}
