import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Order, User } from '../../../../api'
import { StateView } from '../../../../components/state-view'
import { formatYuan } from '../../../../domain/money'
import { routes, withId } from '../../../../routes'
import { ordersFor } from '../../../../stores/buyer-stores'
import { buyerStrings, chinaDateTime, describeOrderError, orderStatusLabel } from '../../../../strings/buyer'
import { BuyerGate } from '../../components/buyer-gate'
import '../../buyer-page.scss'

const s = buyerStrings.orders

function OrderRow({ order }: { order: Order }) {
  return (
    <View className='order-row' hoverClass='order-row--pressed' data-order-id={order.id} onClick={() => void Taro.navigateTo({ url: withId(routes.order, 'id', order.id) })}>
      <View className='order-row__top'>
        <Text className={`order-status order-status--${order.status}`}>{orderStatusLabel(order.status)}</Text>
        <Text className='order-row__total'>{formatYuan(order.totalFen)}</Text>
      </View>
      <Text className='order-row__titles'>{order.lines.map((line) => line.title).join('、')}</Text>
      <Text className='order-row__line'>{s.items(order.lines.length)}</Text>
      <Text className='order-row__line'>{s.placedAt(chinaDateTime(order.createdAt))}</Text>
      {order.number && <Text className='order-row__line order-row__number'>{s.number(order.number)}</Text>}
    </View>
  )
}

const OrderList = observer(function OrderList({ user }: { user: User }) {
  const orders = ordersFor(user.id)
  // Fresh each time: payments, parcels and expiries move while the buyer is away.
  useDidShow(() => void orders.load())
  usePullDownRefresh(() => void orders.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void orders.loadMore())

  if (orders.items.length === 0) {
    if (orders.status === 'failed') return <StateView kind='error' message={describeOrderError(orders.error)} onRetry={() => void orders.load()} />
    if (orders.isEmpty) return <StateView kind='empty' message={s.empty} hint={s.emptyHint} />
    return <StateView kind='loading' />
  }
  return (
    <>
      {orders.items.map((order) => (
        <OrderRow key={order.id} order={order} />
      ))}
      {!orders.nextCursor && orders.status === 'loaded' && <Text className='buyer-end'>{s.end}</Text>}
    </>
  )
})

function OrdersPage() {
  return (
    <View className='buyer-page orders-page'>
      <BuyerGate>{(user) => <OrderList user={user} />}</BuyerGate>
    </View>
  )
}

export default OrdersPage
