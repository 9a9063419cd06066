import type { Category } from '../../domain/catalog'

export interface CategoryTileProps {
  category: Category
  /** Live listings on this shelf; null while not known yet. */
  count?: number | null
  onTap?: (category: Category) => void
  className?: string
}
