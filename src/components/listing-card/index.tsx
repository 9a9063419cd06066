import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { memo } from 'react'
import { listingUrl } from '../../listing-route'
import { strings } from '../../strings'
import { pricePerUnit, stockLabel } from '../../strings/format'
import type { ListingCardProps } from './types'
import './index.scss'

export { LISTING_CARD_HEIGHT, LISTING_ROW_LARGE_PX, type ListingCardProps } from './types'

export function openListing(id: string): void {
  void Taro.navigateTo({ url: listingUrl(id) })
}

/** One listing in a list: photo, title, price per unit, village and farmer. */
export const ListingCard = memo(function ListingCard({ listing, onTap, className = '' }: ListingCardProps) {
  const photo = listing.photos[0]
  const classes = ['listing-card', listing.soldOut ? 'listing-card--sold-out' : '', className]
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      hoverClass='listing-card--pressed'
      onClick={() => (onTap ? onTap(listing) : openListing(listing.id))}
    >
      <View className='listing-card__photo-frame'>
        {photo ? (
          <Image className='listing-card__photo' src={photo.thumbUrl} mode='aspectFill' nativeProps={{ alt: strings.listing.photoAlt(listing.title, 1) }} />
        ) : (
          <Text className='listing-card__no-photo'>{strings.listing.noPhoto}</Text>
        )}
        {listing.soldOut && <Text className='listing-card__badge'>{strings.listing.soldOut}</Text>}
      </View>
      <View className='listing-card__body'>
        <View className='listing-card__title listing-title'>{listing.title}</View>
        <View className='listing-card__origin'>
          {listing.village.name} · {listing.farmer.name}
        </View>
        <View className='listing-card__footer'>
          <Text className='listing-card__price'>{pricePerUnit(listing.priceFen, listing.unit)}</Text>
          {!listing.soldOut && <Text className='listing-card__stock'>{stockLabel(listing.stock, listing.unit)}</Text>}
        </View>
      </View>
    </View>
  )
})
