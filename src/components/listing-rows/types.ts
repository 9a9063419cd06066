import type { ReactNode } from 'react'

export interface ListingRowsProps<T> {
  items: readonly T[]
  /** Every row's height in design px, as written in scss (margins included). */
  rowHeight: number
  /** In 大字模式: every row's height in CSS px, used as is (that scale does not follow the width). */
  rowHeightPx?: number
  renderRow: (item: T, index: number) => ReactNode
  /** Rows drawn beyond the visible ones on each side, so a quick flick shows no blank rows. */
  overscan?: number
  /** Called when the buyer scrolls near the end: time to fetch the next page. */
  onEndReached?: () => void
  /** How near the end (CSS px) counts as near. */
  endThreshold?: number
  /** Changing it starts the list again from the top (a new search). */
  resetKey?: string
  /** Below the rows: loading more, the end, a retry. */
  footer?: ReactNode
  /** What the list holds, for screen readers: the list scrolls, so it is a keyboard stop. */
  label: string
  className?: string
}
