import { Text, View } from '@tarojs/components'
import type { Listing } from '../../api'
import { strings } from '../../strings'
import { listingStatusLabel } from '../../strings/work'
import './index.scss'

/** Where a farmer's listing stands, in a colour per status, and 已售罄 beside a live one at 0. */
export function StatusBadges({ listing }: { listing: Pick<Listing, 'status' | 'soldOut'> }) {
  return (
    <View className='status-badges'>
      <Text className={`status-badge status-badge--${listing.status}`}>{listingStatusLabel(listing.status)}</Text>
      {listing.soldOut && listing.status === 'live' && <Text className='status-badge status-badge--sold-out'>{strings.listing.soldOut}</Text>}
    </View>
  )
}
