import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Role } from '../../api'
import { handInBadgeFor } from '../../stores/hand-in-badge'
import { routes } from '../../routes'
import { strings } from '../../strings'

interface Entry {
  name: string
  title: string
  hint: string
  url: string
  /** A count beside the title, for what waits on this user (the farmer's goods to hand in). */
  badge?: (userId: string) => string | null
}

const e = strings.roleEntries

const handInBadge = (userId: string): string | null => {
  const count = handInBadgeFor(userId).value
  return count ? e.toHandInBadge(count) : null
}
const ENTRIES: Partial<Record<Role, { heading: string; entries: Entry[] }>> = {
  buyer: {
    heading: strings.me.buyerTools,
    entries: [{ name: 'orders', title: e.orders, hint: e.ordersHint, url: routes.orders }],
  },
  farmer: {
    heading: strings.me.farmerTools,
    entries: [
      { name: 'sell', title: e.sell, hint: e.sellHint, url: routes.sell },
      { name: 'my-sales', title: e.mySales, hint: e.mySalesHint, url: routes.mySales, badge: handInBadge },
      { name: 'my-income', title: e.myIncome, hint: e.myIncomeHint, url: routes.myIncome },
      { name: 'my-listings', title: e.myListings, hint: e.myListingsHint, url: routes.myListings },
    ],
  },
  operator: {
    heading: strings.me.operatorTools,
    entries: [
      { name: 'review-queue', title: e.review, hint: e.reviewHint, url: routes.review },
      { name: 'village-farmers', title: e.farmers, hint: e.farmersHint, url: routes.farmers },
      { name: 'list-for-farmer', title: e.listForFarmer, hint: e.listForFarmerHint, url: routes.listForFarmer },
      { name: 'village-parcels', title: e.villageParcels, hint: e.villageParcelsHint, url: routes.villageParcels },
      { name: 'commissions', title: e.commissions, hint: e.commissionsHint, url: routes.commissions },
      { name: 'operator-income', title: e.myIncome, hint: e.operatorIncomeHint, url: routes.operatorIncome },
    ],
  },
  county_staff: {
    heading: strings.me.countyTools,
    entries: [
      { name: 'verify', title: e.verify, hint: e.verifyHint, url: routes.verify },
      { name: 'pickups', title: e.pickups, hint: e.pickupsHint, url: routes.pickups },
      { name: 'manifest', title: e.manifest, hint: e.manifestHint, url: routes.manifest },
      { name: 'subsidy-report', title: e.subsidyReport, hint: e.subsidyReportHint, url: routes.subsidyReport },
      { name: 'reconciliation', title: e.reconciliation, hint: e.reconciliationHint, url: routes.reconciliation },
      { name: 'county-cases', title: e.countyCases, hint: e.countyCasesHint, url: routes.countyCases },
      { name: 'payout-runs', title: e.payoutRuns, hint: e.payoutRunsHint, url: routes.payoutRuns },
      { name: 'shipping-uploads', title: e.shippingUploads, hint: e.shippingUploadsHint, url: routes.shippingUploads },
    ],
  },
}

/** The doors into a role's pages (in subpackages, fetched on first tap): a buyer's orders, a
 *  farmer's shop, an operator's service center, the county center's desk. */
export const RoleEntries = observer(function RoleEntries({ role, userId }: { role: Role; userId: string }) {
  const group = ENTRIES[role]
  if (!group) return null
  return (
    <View className='role-entries'>
      <Text className='role-entries__heading'>{group.heading}</Text>
      {group.entries.map((entry) => {
        const badge = entry.badge?.(userId) ?? null
        return (
          <View
            key={entry.name}
            className={`role-entry role-entry--${entry.name}`}
            hoverClass='role-entry--pressed'
            onClick={() => void Taro.navigateTo({ url: entry.url })}
          >
            <View className='role-entry__text'>
              <Text className='role-entry__title'>
                {entry.title}
                {badge && <Text className='role-entry__badge to-hand-in-badge'>{badge}</Text>}
              </Text>
              <Text className='role-entry__hint'>{entry.hint}</Text>
            </View>
            <Text className='role-entry__arrow'>›</Text>
          </View>
        )
      })}
    </View>
  )
})

/** 注销账号, for every role: the page says what goes and what stays, and offers the export first. */
export function AccountEntry() {
  return (
    <View className='role-entries account-entries'>
      <Text className='role-entries__heading'>{strings.me.account}</Text>
      <View className='role-entry role-entry--delete-account' hoverClass='role-entry--pressed' onClick={() => void Taro.navigateTo({ url: routes.deleteAccount })}>
        <View className='role-entry__text'>
          <Text className='role-entry__title'>{strings.me.deleteAccount}</Text>
          <Text className='role-entry__hint'>{strings.me.deleteAccountHint}</Text>
        </View>
        <Text className='role-entry__arrow'>›</Text>
      </View>
    </View>
  )
}
