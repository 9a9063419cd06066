/**
 * The one error the domain throws. It carries a stable, machine-readable `code` (grep for it)
 * so the server can map it to the API's error shape and the app can pick a message, instead of
 * parsing English text. Expected refusals of a business rule (a transition, a cancellation) are
 * returned as values, not thrown; a DomainError means the input itself was not acceptable.
 */
export type DomainErrorCode =
  | 'money.invalid_fen'
  | 'money.invalid_rate'
  | 'units.unknown_unit'
  | 'units.invalid_unit_weight'
  | 'units.invalid_quantity'
  | 'units.weight_too_large'
  | 'time.invalid_instant'
  | 'time.invalid_date'
  | 'time.invalid_clock_time'
  | 'shipping.invalid_tariff'
  | 'shipping.invalid_weight'
  | 'subsidy.invalid_policy'
  | 'commission.invalid_rate'
  | 'pricing.empty_order'
  | 'pricing.invalid_quantity'
  | 'pricing.invalid_unit_price'
  | 'pricing.invalid_line'
  | 'pricing.duplicate_listing'
  | 'pricing.amount_too_large'
  | 'order.empty'
  | 'order.invalid_quantity'
  | 'order.quantity_too_large'
  | 'order.too_many_lines'
  | 'pickup_code.bad_random_source'
  | 'pickup_code.no_free_code'
  | 'pickup_window.invalid_rules'
  | 'state_machine.invalid_definition'
  | 'state_machine.transition_refused'
  | 'ledger.invalid_entry'
  | 'ledger.unbalanced'

export class DomainError extends Error {
  readonly code: DomainErrorCode
  readonly details?: Readonly<Record<string, unknown>>

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    if (details) this.details = details
    // Taro may compile the app down to ES5, where extending Error loses the prototype and
    // `instanceof DomainError` would silently become false.
    Object.setPrototypeOf(this, new.target.prototype)
  }
}

/** Also true for a DomainError from another bundle copy of this module (app chunks, server). */
export function isDomainError(value: unknown): value is DomainError {
  return (
    value instanceof DomainError ||
    (value instanceof Error && value.name === 'DomainError' && typeof (value as { code?: unknown }).code === 'string')
  )
}
