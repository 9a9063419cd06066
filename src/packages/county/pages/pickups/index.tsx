import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { DeskOrder, User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { ParcelLines } from '../../../../components/parcel-lines'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { routes } from '../../../../routes'
import { readyPickupsFor } from '../../../../stores/county-stores'
import { countyStrings } from '../../../../strings/county'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'
import './index.scss'

const s = countyStrings.pickups

function PickupOrder({ order }: { order: DeskOrder }) {
  return (
    <View className='work-card pickup-order' data-order-id={order.id}>
      <Text className='pickup-order__buyer'>{s.buyer(order.buyer.name)}</Text>
      <ParcelLines lines={order.lines} />
      <Text className='pickup-order__meta'>{`${s.parcels(order.parcels.length)} · ${workStrings.run.order(order.id)}`}</Text>
    </View>
  )
}

/** 待取订单: what waits on the center's shelf for its buyer, the longest-waiting first. */
const ReadyPickups = observer(function ReadyPickups({ user }: { user: User }) {
  const store = readyPickupsFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <View className='work-page__top'>
        <ActionButton className='to-verify' block text={s.toVerify} onTap={() => void Taro.navigateTo({ url: routes.verify })} />
      </View>
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.status === 'loading' && store.items.length === 0 && <StateView kind='loading' />}
      {store.isEmpty && <StateView kind='empty' message={s.empty} hint={s.emptyHint} />}
      {store.items.map((order) => (
        <PickupOrder key={order.id} order={order} />
      ))}
    </>
  )
})

function PickupsPage() {
  return (
    <View className='work-page pickups-page'>
      <RoleGate role='county_staff'>{(user) => <ReadyPickups user={user} />}</RoleGate>
    </View>
  )
}

export default PickupsPage
