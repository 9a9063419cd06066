import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Listing, User } from '../../../../api'
import { ListingForm } from '../../../../components/listing-form'
import { useListingDraft } from '../../../../components/listing-form/use-listing-draft'
import { RoleGate } from '../../../../components/role-gate'
import { returnTo, routes } from '../../../../routes'
import { askForSaleMessage } from '../../../../stores/work-stores'
import { StateView } from '../../../../components/state-view'
import { strings } from '../../../../strings'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'

/** 我要卖, or with ?id= the edit of one of the farmer's listings (which goes back to review). */
const SellForm = observer(function SellForm({ user, listingId }: { user: User; listingId?: string }) {
  const { draft, loading, error, reload } = useListingDraft(user, listingId)
  useEffect(() => {
    if (listingId) void Taro.setNavigationBarTitle({ title: strings.pageTitles.edit })
  }, [listingId])

  if (error) return <StateView kind='error' message={describeError(error)} onRetry={reload} />
  if (loading) return <StateView kind='loading' />
  const submitted = (_listing: Listing) => {
    void Taro.showToast({ title: workStrings.sell.submitted, icon: 'none', duration: 2000 })
    // To 我的商品, where the listing shows 审核中; back does not reopen the form.
    returnTo(routes.myListings)
  }
  // Asked at each submit: she is told when her goods sell (one message per acceptance).
  return <ListingForm draft={draft} onSubmitted={submitted} onSubmitTap={askForSaleMessage} />
})

function SellPage() {
  const id = useRouter().params.id
  return (
    <View className='work-page sell-page'>
      <RoleGate role='farmer'>{(user) => <SellForm user={user} listingId={id ? decodeURIComponent(id) : undefined} />}</RoleGate>
    </View>
  )
}

export default SellPage
