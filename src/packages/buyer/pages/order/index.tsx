import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Order, User } from '../../../../api'
import { StateView } from '../../../../components/state-view'
import { formatYuan } from '../../../../domain/money'
import { isPickupCodeFormat } from '../../../../domain/pickup-code'
import { routes } from '../../../../routes'
import { ordersFor } from '../../../../stores/buyer-stores'
import { buyerStrings, chinaDateTime, describeOrderError, orderStatusLabel } from '../../../../strings/buyer'
import { BuyerGate } from '../../components/buyer-gate'
import { OrderTimeline } from '../../components/order-timeline'
import { PickupCodeCard } from '../../components/pickup-code-card'
import { PickupEstimateCard, PickupPointCard } from '../../components/pickup-info'
import { PriceBreakdown } from '../../components/price-breakdown'
import { pricedFromOrder } from '../../components/priced'
import { OrderActions } from './order-actions'
import { OrderCases } from './order-cases'
import { useFollowOrder } from './use-follow-order'
import '../../buyer-page.scss'

const o = buyerStrings.order

const awaitsPickup = (order: Order) => order.status === 'pending_payment' || order.status === 'paid' || order.status === 'ready_for_pickup'

/** The code is for collecting: shown once paid, until the order is picked up. */
const showsPickupCode = (order: Order) => (order.status === 'paid' || order.status === 'ready_for_pickup') && isPickupCodeFormat(order.pickupCode)

function OrderHead({ order }: { order: Order }) {
  return (
    <View className='order-head'>
      <Text className={`order-head__status order-status order-status--${order.status}`}>{orderStatusLabel(order.status)}</Text>
      {order.status === 'pending_payment' && <Text className='order-head__line order-expiry'>{o.expiresAt(chinaDateTime(order.expiresAt))}</Text>}
      {order.status === 'expired' && <Text className='order-head__line order-expiry'>{o.expiredAt(chinaDateTime(order.expiresAt))}</Text>}
      {order.refund && (
        <Text className={`order-head__line order-refund order-refund--${order.refund.status}`}>
          {order.refund.status === 'succeeded' ? o.refundDone(formatYuan(order.refund.amountFen)) : o.refundPending(formatYuan(order.refund.amountFen))}
        </Text>
      )}
      {/* Given at payment: an unpaid order has no number to read out yet. */}
      {order.number && <Text className='order-head__line order-number'>{o.number(order.number)}</Text>}
    </View>
  )
}

const OrderDetail = observer(function OrderDetail({ user }: { user: User }) {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const orders = ordersFor(user.id)
  // Fresh each time: a parcel may have moved, or the payment been confirmed, since.
  useDidShow(() => {
    if (id) void orders.loadOrder(id)
  })
  usePullDownRefresh(() => void orders.loadOrder(id).finally(() => Taro.stopPullDownRefresh()))

  const order = orders.get(id)
  useFollowOrder(order?.status, () => void orders.loadOrder(id))
  if (!order) {
    const error = orders.errorOf(id)
    if (!id || orders.statusOf(id) === 'failed') {
      return error?.isTransient ? (
        <StateView kind='error' message={describeOrderError(error)} onRetry={() => void orders.loadOrder(id)} />
      ) : (
        <StateView kind='error' message={o.notFound} retryText={o.toOrders} onRetry={() => void Taro.redirectTo({ url: routes.orders })} />
      )
    }
    return <StateView kind='loading' />
  }

  // 继续支付 goes at the top while the clock runs; a paid order's cancel waits at the bottom,
  // below the code the buyer came for, where nobody taps it by mistake.
  const unpaid = order.status === 'pending_payment'
  return (
    <>
      <OrderHead order={order} />
      {unpaid && <OrderActions order={order} userId={user.id} />}
      {showsPickupCode(order) && <PickupCodeCard orderId={order.id} code={order.pickupCode!} />}
      <PickupPointCard point={order.pickupPoint} />
      {/* When to come is news only until the goods are collected (or the order is off). */}
      {order.pickup && awaitsPickup(order) && <PickupEstimateCard estimate={order.pickup} />}
      <OrderTimeline events={order.timeline} />
      <PriceBreakdown priced={pricedFromOrder(order)} />
      <OrderCases order={order} userId={user.id} onChanged={() => void orders.loadOrder(id)} />
      {!unpaid && <OrderActions order={order} userId={user.id} />}
    </>
  )
})

function OrderPage() {
  return (
    <View className='buyer-page order-page'>
      <BuyerGate>{(user) => <OrderDetail user={user} />}</BuyerGate>
    </View>
  )
}

export default OrderPage
