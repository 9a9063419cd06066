import { Text, View } from '@tarojs/components'
import { strings } from '../../strings'
import { categoryLabel } from '../../strings/format'
import type { CategoryTileProps } from './types'
import './index.scss'

export type { CategoryTileProps } from './types'

/* A shelf of the county's storefront. A coloured badge with the shelf's first character stands
   in for an icon: no image bytes, and it renders the same on every phone (emoji do not). */
export function CategoryTile({ category, count = null, onTap, className = '' }: CategoryTileProps) {
  const label = categoryLabel(category)
  return (
    <View
      className={`category-tile category-tile--${category} ${className}`.trim()}
      hoverClass='category-tile--pressed'
      onClick={() => onTap?.(category)}
    >
      <View className='category-tile__badge'>{label.charAt(0)}</View>
      <Text className='category-tile__name'>{label}</Text>
      <Text className='category-tile__count'>{count === null ? ' ' : strings.home.listingCount(count)}</Text>
    </View>
  )
}
