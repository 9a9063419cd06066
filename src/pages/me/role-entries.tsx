import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Role } from '../../api'
import { routes } from '../../routes'
import { strings } from '../../strings'

interface Entry {
  name: string
  title: string
  hint: string
  url: string
}

const e = strings.roleEntries
// Only farmers and operators get entries; a buyer's 我的 stays as it was.
const ENTRIES: Partial<Record<Role, { heading: string; entries: Entry[] }>> = {
  farmer: {
    heading: strings.me.farmerTools,
    entries: [
      { name: 'sell', title: e.sell, hint: e.sellHint, url: routes.sell },
      { name: 'my-listings', title: e.myListings, hint: e.myListingsHint, url: routes.myListings },
    ],
  },
  operator: {
    heading: strings.me.operatorTools,
    entries: [
      { name: 'review-queue', title: e.review, hint: e.reviewHint, url: routes.review },
      { name: 'village-farmers', title: e.farmers, hint: e.farmersHint, url: routes.farmers },
      { name: 'list-for-farmer', title: e.listForFarmer, hint: e.listForFarmerHint, url: routes.listForFarmer },
    ],
  },
}

/** The doors into a farmer's or an operator's pages (in subpackages, fetched on first tap). */
export function RoleEntries({ role }: { role: Role }) {
  const group = ENTRIES[role]
  if (!group) return null
  return (
    <View className='role-entries'>
      <Text className='role-entries__heading'>{group.heading}</Text>
      {group.entries.map((entry) => (
        <View
          key={entry.name}
          className={`role-entry role-entry--${entry.name}`}
          hoverClass='role-entry--pressed'
          onClick={() => void Taro.navigateTo({ url: entry.url })}
        >
          <View className='role-entry__text'>
            <Text className='role-entry__title'>{entry.title}</Text>
            <Text className='role-entry__hint'>{entry.hint}</Text>
          </View>
          <Text className='role-entry__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
