/**
 * The price of an order, as one pure function both the server (which charges it) and the app
 * (which shows it before paying) can run and agree on to the fen.
 *
 *   subtotal   = Σ unit price × quantity
 *   shipping   = Σ per parcel (one parcel per farmer, priced by weight: shipping.ts)
 *   subsidy    = min(shipping, county cap) on orders placed while the subsidy runs (subsidy.ts)
 *   total      = subtotal + shipping − subsidy            ← what the buyer pays
 *   commission = Σ per line (commission.ts)                ← out of the farmers' share
 */
import type { Instant } from './china-time'
import { assertCommissionRate, lineCommissionFen } from './commission'
import { DomainError, isDomainError, type DomainErrorCode } from './errors'
import { isFen, sumFen, type BasisPoints, type Fen } from './money'
import { assertShippingTariff, parcelShippingFen, type ShippingTariff } from './shipping'
import { assertSubsidyPolicy, orderSubsidyFen, type SubsidyPolicy } from './subsidy'
import { lineWeightGrams, type Unit } from './units'

/** One line as the server reads it from the listing at order time (never from the buyer). */
export interface OrderLineInput {
  listingId: string
  farmerId: string
  unitPriceFen: Fen
  quantity: number
  unit: Unit
  unitWeightGrams: number | null
}

export interface PriceOrderInput {
  lines: readonly OrderLineInput[]
  tariff: ShippingTariff
  subsidy: SubsidyPolicy | null
  commissionRateBp: BasisPoints
  /** When the order is placed; decides whether the subsidy applies (China calendar day). */
  orderedAt: Instant
}

export interface PricedLine {
  listingId: string
  farmerId: string
  quantity: number
  unitPriceFen: Fen
  lineTotalFen: Fen
  commissionFen: Fen
  weightGrams: number
}

export interface PricedParcel {
  farmerId: string
  weightGrams: number
  shippingFen: Fen
  listingIds: string[]
}

export interface PricedOrder {
  lines: PricedLine[]
  parcels: PricedParcel[]
  subtotalFen: Fen
  shippingFen: Fen
  subsidyFen: Fen
  totalFen: Fen
  commissionFen: Fen
}

export function priceOrder(input: PriceOrderInput): PricedOrder {
  assertShippingTariff(input.tariff)
  if (input.subsidy) assertSubsidyPolicy(input.subsidy)
  assertCommissionRate(input.commissionRateBp)
  if (!Array.isArray(input.lines) || input.lines.length === 0) {
    throw new DomainError('pricing.empty_order', 'An order has at least one line')
  }

  const seenListings = new Set<string>()
  const lines = input.lines.map((line, lineIndex) => {
    const priced = priceLine(line, lineIndex, input.commissionRateBp)
    // Two lines for one listing would make stock and refunds ambiguous: merge them first.
    if (seenListings.has(line.listingId)) {
      fail('pricing.duplicate_listing', 'Each listing appears on one line only', lineIndex, { listingId: line.listingId })
    }
    seenListings.add(line.listingId)
    return priced
  })

  const parcels = parcelsByFarmer(lines, input.tariff)
  const subtotalFen = total(lines.map((l) => l.lineTotalFen))
  const shippingFen = total(parcels.map((p) => p.shippingFen))
  const subsidyFen = orderSubsidyFen(input.subsidy, shippingFen, input.orderedAt)
  const totalFen = total([subtotalFen, shippingFen]) - subsidyFen
  const commissionFen = total(lines.map((l) => l.commissionFen))
  return { lines, parcels, subtotalFen, shippingFen, subsidyFen, totalFen, commissionFen }
}

function priceLine(line: OrderLineInput, lineIndex: number, commissionRateBp: BasisPoints): PricedLine {
  if (!line || !isNonEmptyString(line.listingId) || !isNonEmptyString(line.farmerId)) {
    fail('pricing.invalid_line', 'A line names its listing and its farmer', lineIndex)
  }
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    fail('pricing.invalid_quantity', 'A quantity is a whole number of units, at least 1', lineIndex, { quantity: line.quantity })
  }
  if (!isFen(line.unitPriceFen)) {
    fail('pricing.invalid_unit_price', 'A unit price is a whole, non-negative number of fen', lineIndex, {
      unitPriceFen: line.unitPriceFen,
    })
  }
  const lineTotalFen = line.unitPriceFen * line.quantity
  if (!Number.isSafeInteger(lineTotalFen)) {
    fail('pricing.amount_too_large', 'That line is too large to price exactly', lineIndex)
  }
  let weightGrams: number
  try {
    weightGrams = lineWeightGrams(line.unit, line.unitWeightGrams, line.quantity)
  } catch (error) {
    if (isDomainError(error)) fail(error.code, error.message, lineIndex, error.details)
    throw error
  }
  return {
    listingId: line.listingId,
    farmerId: line.farmerId,
    quantity: line.quantity,
    unitPriceFen: line.unitPriceFen,
    lineTotalFen,
    commissionFen: lineCommissionFen(lineTotalFen, commissionRateBp),
    weightGrams,
  }
}

/** One parcel per farmer, in the order the farmers first appear on the order. */
function parcelsByFarmer(lines: readonly PricedLine[], tariff: ShippingTariff): PricedParcel[] {
  const byFarmer = new Map<string, { weightGrams: number; listingIds: string[] }>()
  for (const line of lines) {
    const parcel = byFarmer.get(line.farmerId) ?? { weightGrams: 0, listingIds: [] }
    parcel.weightGrams += line.weightGrams
    parcel.listingIds.push(line.listingId)
    byFarmer.set(line.farmerId, parcel)
  }
  return [...byFarmer].map(([farmerId, parcel]) => ({
    farmerId,
    weightGrams: parcel.weightGrams,
    shippingFen: parcelShippingFen(parcel.weightGrams, tariff),
    listingIds: parcel.listingIds,
  }))
}

function total(amounts: readonly Fen[]): Fen {
  try {
    return sumFen(amounts)
  } catch {
    throw new DomainError('pricing.amount_too_large', 'That order is too large to price exactly')
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

function fail(code: DomainErrorCode, message: string, lineIndex: number, details?: Readonly<Record<string, unknown>>): never {
  throw new DomainError(code, `Line ${lineIndex + 1}: ${message}`, { ...details, lineIndex })
}
