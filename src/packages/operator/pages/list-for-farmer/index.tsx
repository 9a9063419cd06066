import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { User } from '../../../../api'
import { ListingForm } from '../../../../components/listing-form'
import { useListingDraft } from '../../../../components/listing-form/use-listing-draft'
import { RoleGate } from '../../../../components/role-gate'
import { returnTo, routes } from '../../../../routes'
import { villageFarmersFor } from '../../../../stores/work-stores'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'

/** 代农户上架: the farmer's form, with the farmer to list for (?farmerId= from 本村农户). The
 *  operator's listing goes live at once: they are the reviewer. */
const ProxyListing = observer(function ProxyListing({ user, farmerId }: { user: User; farmerId?: string }) {
  const { draft } = useListingDraft(user)
  const farmers = villageFarmersFor(user.id)
  useDidShow(() => {
    if (farmers.status !== 'loaded') void farmers.load()
  })
  useEffect(() => {
    if (farmerId && draft.fields.farmerId !== farmerId) draft.setField('farmerId', farmerId)
  }, [farmerId, draft])

  return (
    <ListingForm
      draft={draft}
      farmers={farmers.forProxyListing}
      onSubmitted={() => {
        void Taro.showToast({ title: workStrings.sell.submittedProxy, icon: 'none', duration: 2000 })
        returnTo(routes.farmers)
      }}
    />
  )
})

function ListForFarmerPage() {
  const farmerId = useRouter().params.farmerId
  return (
    <View className='work-page list-for-farmer-page'>
      <RoleGate role='operator'>{(user) => <ProxyListing user={user} farmerId={farmerId ? decodeURIComponent(farmerId) : undefined} />}</RoleGate>
    </View>
  )
}

export default ListForFarmerPage
