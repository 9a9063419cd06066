import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { routes, withId } from '../../../../routes'
import { villageFarmersFor } from '../../../../stores/work-stores'
import { describeError } from '../../../../strings/format'
import { incomeStrings } from '../../../../strings/income'
import { describeFarmerRemoveError, workStrings } from '../../../../strings/work'
import { colors } from '../../../../theme/tokens'
import { AddFarmer } from './add-farmer'
import '../../../../components/listing-form/index.scss'
import '../../../work-page.scss'
import './index.scss'

const VillageFarmers = observer(function VillageFarmers({ user }: { user: User }) {
  const store = villageFarmersFor(user.id)
  useDidShow(() => void store.load())
  // Only at her own request, said in the question: the record cannot come back.
  const remove = async (farmer: { id: string; name: string }) => {
    const { confirm } = await Taro.showModal({ title: workStrings.farmers.removeTitle, content: workStrings.farmers.removeConfirm(farmer.name), confirmText: workStrings.farmers.removeOk, confirmColor: colors.danger })
    if (confirm && (await store.remove(farmer.id))) void Taro.showToast({ title: workStrings.farmers.removed(farmer.name), icon: 'none' })
  }
  return (
    <>
      {store.status === 'loading' && store.items.length === 0 && <StateView kind='loading' />}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.status === 'loaded' && store.items.length === 0 && <StateView kind='empty' message={workStrings.farmers.empty} compact />}
      {store.items.length > 0 && (
        <View className='work-card farmer-list'>
          {store.forProxyListing.map((farmer) => (
            <View key={farmer.id} className={`farmer-row ${farmer.hasAccount ? '' : 'farmer-row--no-phone'}`.trim()}>
              <View className='farmer-row__who'>
                <Text className='farmer-row__name'>{farmer.name}</Text>
                <Text className='farmer-row__phone'>{farmer.phone ?? workStrings.farmers.noPhone}</Text>
              </View>
              <View className='farmer-row__actions'>
                <ActionButton
                  className='farmer-row__sales farmer-sales-link'
                  kind='plain'
                  text={workStrings.sales.soldBy}
                  onTap={() => void Taro.navigateTo({ url: withId(routes.farmerSales, 'farmerId', farmer.id) })}
                />
                <ActionButton
                  className='farmer-row__income farmer-income-link'
                  kind='plain'
                  text={incomeStrings.farmerLink}
                  onTap={() => void Taro.navigateTo({ url: `${withId(routes.farmerIncome, 'farmerId', farmer.id)}&name=${encodeURIComponent(farmer.name)}` })}
                />
                <ActionButton
                  className='farmer-row__list-for list-for-farmer'
                  kind='secondary'
                  text={workStrings.farmers.listFor}
                  onTap={() => void Taro.navigateTo({ url: withId(routes.listForFarmer, 'farmerId', farmer.id) })}
                />
                {!farmer.hasAccount && (
                  <ActionButton
                    className='farmer-row__remove remove-farmer'
                    kind='plain'
                    text={workStrings.farmers.remove}
                    loading={store.removingId === farmer.id}
                    onTap={() => void remove(farmer)}
                  />
                )}
              </View>
              {store.removeError?.farmerId === farmer.id && (
                <Text className='farmer-row__error remove-farmer-error'>
                  {describeFarmerRemoveError(farmer.name, store.removeError.error)}
                </Text>
              )}
            </View>
          ))}
        </View>
      )}
      <AddFarmer store={store} />
    </>
  )
})

function FarmersPage() {
  return (
    <View className='work-page farmers-page'>
      <RoleGate role='operator'>{(user) => <VillageFarmers user={user} />}</RoleGate>
    </View>
  )
}

export default FarmersPage
