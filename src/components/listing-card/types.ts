import type { Listing } from '../../api/types'

export interface ListingCardProps {
  listing: Listing
  /** Defaults to opening the listing's page. */
  onTap?: (listing: Listing) => void
  className?: string
}

/** The card's height in design px: the catalog's window list lays rows out by it. */
export const LISTING_CARD_HEIGHT = 240
