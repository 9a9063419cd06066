import type { Listing } from '../../api/types'
import { largeText } from '../../theme/tokens'

export interface ListingCardProps {
  listing: Listing
  /** Defaults to opening the listing's page. */
  onTap?: (listing: Listing) => void
  className?: string
}

/** The card's height in design px: the catalog's window list lays rows out by it. */
export const LISTING_CARD_HEIGHT = 240

/** The card's row in 大字模式, in CSS px: its scale is fixed px, not design px. */
export const LISTING_ROW_LARGE_PX = largeText.listingCardHeight + largeText.listingCardGap
