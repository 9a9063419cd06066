import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Order } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { formatYuan } from '../../../../domain/money'
import { useStores } from '../../../../stores'
import { ordersFor, paymentFor } from '../../../../stores/buyer-stores'
import type { PaymentOutcome } from '../../../../stores/order-payment'
import { buyerStrings, describeOrderError } from '../../../../strings/buyer'

const c = buyerStrings.checkout
const o = buyerStrings.order

/** 继续支付 while the order waits for payment, and 取消订单 while the buyer may still cancel. */
export const OrderActions = observer(function OrderActions({ order, userId }: { order: Order; userId: string }) {
  const { cart } = useStores()
  const orders = ordersFor(userId)
  const payment = paymentFor(userId)
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null)
  const paying = payment.orderId === order.id

  const pay = async () => {
    setOutcome(null)
    const result = await payment.pay(order)
    setOutcome(result)
    if (result.kind === 'paid' || result.kind === 'closed' || (result.kind === 'unconfirmed' && result.order)) orders.put(result.order!)
    if (result.kind === 'paid') {
      cart.removeOrdered(result.order.lines)
      void Taro.showToast({ title: o.paidToast, icon: 'success' })
    }
    if (result.kind === 'failed' && result.error.code === 'INVALID_TRANSITION') void orders.loadOrder(order.id)
  }

  const cancel = async () => {
    // A paid order is refunded in full: say so before the buyer decides.
    const content = order.status === 'pending_payment' ? o.cancelConfirm : o.cancelConfirmRefund(formatYuan(order.totalFen))
    const { confirm } = await Taro.showModal({ content })
    if (confirm && (await orders.cancel(order.id))) void Taro.showToast({ title: o.cancelled, icon: 'none' })
  }

  const payText = !paying ? c.continuePayment : payment.stage === 'confirming' ? c.confirming : c.paying
  const message =
    outcome?.kind === 'failed'
      ? describeOrderError(outcome.error)
      : outcome?.kind === 'cancelled' || outcome?.kind === 'unconfirmed' || outcome?.kind === 'closed'
        ? c[outcome.kind]
        : null

  return (
    <View className='buyer-actions'>
      {message && <Text className={outcome?.kind === 'failed' ? 'pay-error' : 'buyer-notice'}>{message}</Text>}
      {orders.cancelError && <Text className='pay-error'>{describeOrderError(orders.cancelError)}</Text>}
      {order.status === 'pending_payment' && (
        <ActionButton className='continue-payment pay-button' block text={payText} disabled={payment.isBusy} onTap={() => void pay()} />
      )}
      {order.canCancel && (
        <ActionButton
          className='cancel-order'
          kind='plain'
          block
          text={o.cancel}
          disabled={paying}
          loading={orders.cancellingId === order.id}
          onTap={() => void cancel()}
        />
      )}
    </View>
  )
})
