import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { DeskOrder, User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { ParcelLines } from '../../../../components/parcel-lines'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { routes } from '../../../../routes'
import { readyPickupsFor } from '../../../../stores/county-stores'
import type { ReadyPickupsStore } from '../../../../stores/ready-pickups-store'
import { countyStrings } from '../../../../strings/county'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'
import './index.scss'

const s = countyStrings.pickups

function PickupOrder({ order, found = false }: { order: DeskOrder; found?: boolean }) {
  return (
    <View className={`work-card pickup-order${found ? ' pickup-order--found' : ''}`} data-order-id={order.id}>
      {order.number && <Text className='pickup-order__number'>{workStrings.run.order(order.number)}</Text>}
      <Text className='pickup-order__buyer'>{s.buyer(order.buyer.name)}</Text>
      <ParcelLines lines={order.lines} />
      {found ? (
        <Text className={`pickup-order__state pickup-order__state--${order.status}`}>{s.state[order.status] ?? order.status}</Text>
      ) : (
        <Text className='pickup-order__meta'>{s.parcels(order.parcels.length)}</Text>
      )}
    </View>
  )
}

/** 按订单号查找: the number a buyer reads out, over the phone or at the counter. */
const FindByNumber = observer(function FindByNumber({ store }: { store: ReadyPickupsStore }) {
  const [typed, setTyped] = useState('')
  const lookup = store.lookup
  return (
    <>
      <View className='work-card find-number'>
        <Text className='work-card__title'>{s.findTitle}</Text>
        <Input className='number-input' type='text' maxlength={20} value={typed} placeholder={s.findPlaceholder} onInput={(event) => setTyped(String(event.detail.value))} onConfirm={() => void store.findByNumber(typed)} />
        <View className='work-card__actions'>
          <ActionButton className='find-order' block text={s.find} loading={store.searching} onTap={() => void store.findByNumber(typed)} />
        </View>
        {lookup?.kind === 'format' && <Text className='find-number__problem'>{s.format}</Text>}
        {lookup?.kind === 'not-found' && <Text className='find-number__problem'>{s.notFound(lookup.number)}</Text>}
        {lookup?.kind === 'failed' && <Text className='find-number__problem'>{describeError(lookup.error)}</Text>}
      </View>
      {lookup?.kind === 'found' && (
        <>
          <PickupOrder order={lookup.order} found />
          <View className='work-page__top'>
            <ActionButton
              className='clear-find'
              block
              text={s.clear}
              onTap={() => {
                store.clearLookup()
                setTyped('')
              }}
            />
          </View>
        </>
      )}
    </>
  )
})

const WaitingOrders = observer(function WaitingOrders({ store }: { store: ReadyPickupsStore }) {
  return (
    <>
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.status === 'loading' && store.items.length === 0 && <StateView kind='loading' />}
      {store.isEmpty && <StateView kind='empty' message={s.empty} hint={s.emptyHint} />}
      {store.items.map((order) => (
        <PickupOrder key={order.id} order={order} />
      ))}
    </>
  )
})

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
      <FindByNumber store={store} />
      {store.lookup?.kind !== 'found' && <WaitingOrders store={store} />}
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
