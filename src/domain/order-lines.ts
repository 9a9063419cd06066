/**
 * What a buyer asks for, made into the lines of one order: two lines of the same listing are one
 * line with their quantities added, so stock is checked and taken for the sum (two lines of 6
 * against a stock of 10 must fail, not pass twice). Lines keep the order the buyer first named
 * each listing in.
 */
import { DomainError } from './errors'

export interface RequestedLine {
  listingId: string
  quantity: number
}

/** The most of one listing one order may hold: a county's day is ~200 parcels, not 10 000 units. */
export const MAX_LINE_QUANTITY = 9999
export const MAX_ORDER_LINES = 50

export function mergeOrderLines(lines: readonly RequestedLine[]): RequestedLine[] {
  if (lines.length === 0) throw new DomainError('order.empty', 'An order has at least one line')
  const merged = new Map<string, number>()
  lines.forEach((line, lineIndex) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('order.invalid_quantity', `Line ${lineIndex + 1}: a quantity is a whole number of units, at least 1`, { lineIndex, quantity: line.quantity })
    }
    merged.set(line.listingId, (merged.get(line.listingId) ?? 0) + line.quantity)
  })
  for (const [listingId, quantity] of merged) {
    if (quantity > MAX_LINE_QUANTITY) {
      throw new DomainError('order.quantity_too_large', `At most ${MAX_LINE_QUANTITY} of one listing per order`, { listingId, quantity })
    }
  }
  if (merged.size > MAX_ORDER_LINES) throw new DomainError('order.too_many_lines', `At most ${MAX_ORDER_LINES} different listings per order`, { lines: merged.size })
  return [...merged].map(([listingId, quantity]) => ({ listingId, quantity }))
}
