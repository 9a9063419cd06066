/** The units farmers sell in. A jin (斤) is exactly 500 g by the 1959 metric reform. */
export const UNITS = ['kg', 'jin', 'head', 'liter', 'bag', 'piece'] as const
export type Unit = (typeof UNITS)[number]

/** Units whose weight is fixed by definition; the others carry the listing's own unit weight. */
export const FIXED_UNIT_GRAMS: Readonly<Partial<Record<Unit, number>>> = { kg: 1000, jin: 500 }

export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && (UNITS as readonly string[]).includes(value)
}
