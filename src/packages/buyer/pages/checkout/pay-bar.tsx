import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ActionButton } from '../../../../components/action-button'
import { formatYuan } from '../../../../domain/money'
import { withId, routes } from '../../../../routes'
import type { CheckoutStore } from '../../../../stores/checkout-store'
import { buyerStrings, describeOrderError } from '../../../../strings/buyer'
import { unitLabel } from '../../../../strings/format'

const c = buyerStrings.checkout

/** Why the last tap did not end in a paid order, in the buyer's words. */
export const CheckoutMessages = observer(function CheckoutMessages({ store }: { store: CheckoutStore }) {
  const { conflict, error, notice, order } = store
  let problem: string | null = null
  if (conflict) {
    const line = store.quote?.lines.find((l) => l.listingId === conflict.listingId)
    const title = conflict.title ?? c.someItem
    problem =
      error?.code === 'LISTING_UNAVAILABLE' ? c.unavailable(title) : c.outOfStock(title, conflict.available, line ? unitLabel(line.unit) : '')
    problem = `${problem}。${c.cartUpdated}`
  } else if (error) {
    problem = describeOrderError(error)
  }
  return (
    <>
      {problem && <Text className='pay-error'>{problem}</Text>}
      {notice && <Text className={`buyer-notice buyer-notice--${notice}`}>{c[notice]}</Text>}
      {notice === 'unconfirmed' && order && (
        <View className='buyer-actions'>
          <ActionButton className='view-order' kind='secondary' text={c.viewOrder} onTap={() => void Taro.redirectTo({ url: withId(routes.order, 'id', order.id) })} />
        </View>
      )}
    </>
  )
})

/** The price changed since the buyer looked: said first on the page, above the new price. */
export const PriceChangeNotice = observer(function PriceChangeNotice({ store }: { store: CheckoutStore }) {
  const change = store.priceChange
  if (!change) return null
  return <Text className='buyer-notice buyer-notice--price-changed'>{c.priceChanged(change.titles, formatYuan(change.fromFen), formatYuan(change.toFen))}</Text>
})

/** One tap to pay; the words say what is happening, since a payment can take a while on 3G. */
export const PayBar = observer(function PayBar({ store, onPay }: { store: CheckoutStore; onPay: () => void }) {
  const stage = store.payment.stage
  // Placed, not being paid right now: what 继续支付 is for.
  const pending = store.order?.status === 'pending_payment' && stage === 'idle' && !store.placing
  // A retry sends the body as it was, so it shows the total that body agreed to.
  const sentTotal = store.unanswered ? store.attempt?.input.expectedTotalFen : undefined
  const total = store.order?.totalFen ?? sentTotal ?? store.quote?.totalFen ?? 0
  const text = store.placing
    ? store.awaitingOrder
      ? c.confirmingOrder
      : c.placing
    : stage === 'confirming'
      ? c.confirming
      : stage !== 'idle'
        ? c.paying
        : pending
          ? c.continuePayment
          : c.pay(formatYuan(total))
  return (
    <View className='pay-bar'>
      <ActionButton
        className={`pay-button ${pending ? 'continue-payment' : ''} ${stage === 'confirming' ? 'pay-button--confirming' : ''}`.trim()}
        block
        text={text}
        disabled={!store.canPay}
        onTap={onPay}
      />
    </View>
  )
})
