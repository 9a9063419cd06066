/** What a listing is: the county's four shelves. */
export const CATEGORIES = ['lamb', 'dairy', 'grain', 'other'] as const
export type Category = (typeof CATEGORIES)[number]

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value)
}
