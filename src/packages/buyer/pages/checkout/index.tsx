import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { StateView } from '../../../../components/state-view'
import { parseCheckoutLines, routes, withId } from '../../../../routes'
import { useStores } from '../../../../stores'
import { checkoutFor, ordersFor } from '../../../../stores/buyer-stores'
import { buyerStrings, chinaClock, describeOrderError } from '../../../../strings/buyer'
import { unitLabel } from '../../../../strings/format'
import { BuyerGate } from '../../components/buyer-gate'
import { PickupEstimateCard, PickupPointCard } from '../../components/pickup-info'
import { PriceBreakdown } from '../../components/price-breakdown'
import { pricedFromOrder, pricedFromQuote } from '../../components/priced'
import { CheckoutMessages, PayBar, PriceChangeNotice } from './pay-bar'
import '../../buyer-page.scss'

const c = buyerStrings.checkout

const Checkout = observer(function Checkout({ user }: { user: User }) {
  const { places, cart } = useStores()
  const linesParam = useRouter().params.lines
  const store = checkoutFor(user.id, places)
  useEffect(() => store.open(parseCheckoutLines(linesParam)), [store, linesParam])

  const pay = async () => {
    const outcome = await store.submit()
    if (store.order) ordersFor(user.id).put(store.order)
    if (outcome?.kind === 'paid') {
      cart.removeOrdered(outcome.order.lines)
      void Taro.showToast({ title: buyerStrings.order.paidToast, icon: 'success' })
      void Taro.redirectTo({ url: withId(routes.order, 'id', outcome.order.id) })
    } else if (outcome?.kind === 'failed' && (store.conflict || store.priceChange)) {
      // The cart learns of the stock or price the server refused, so going back shows it flagged.
      void cart.refresh()
      // The new price is told at the top of the page: bring it into view, wherever the buyer was.
      if (store.priceChange) Taro.pageScrollTo({ scrollTop: 0, duration: 300 })?.catch(() => undefined)
    }
  }

  const { order, quote } = store
  let body
  if (parseCheckoutLines(linesParam).length === 0) {
    // A link without lines (or a garbled one): nothing to check out.
    body = <StateView kind='error' message={c.nothingToBuy} retryText={c.backToCart} onRetry={() => void Taro.switchTab({ url: routes.cart })} />
  } else if (order) {
    body = (
      <>
        <Text className='buyer-notice buyer-notice--pending'>{c.payBefore(chinaClock(order.expiresAt))}</Text>
        <PickupPointCard point={order.pickupPoint} />
        {quote && <PickupEstimateCard estimate={quote.pickup} ifPaidNow />}
        <PriceBreakdown priced={pricedFromOrder(order)} />
      </>
    )
  } else if (!quote && store.quoteStatus === 'failed') {
    body = <StateView kind='error' message={describeOrderError(store.quoteError)} onRetry={() => void store.load()} />
  } else if (!quote) {
    body = <StateView kind='loading' />
  } else {
    body = (
      <>
        <PriceChangeNotice store={store} />
        {store.unavailableLines.length > 0 && (
          <View className='buyer-card checkout-unavailable'>
            <Text className='buyer-card__title'>{c.notAvailable}</Text>
            {store.unavailableLines.map((line) => (
              <View key={line.listingId} className='unavailable-line'>
                <Text>{line.title}</Text>
                <Text>{line.stock > 0 ? c.short(line.stock, unitLabel(line.unit)) : c.soldOut}</Text>
              </View>
            ))}
          </View>
        )}
        {store.orderableLines.length === 0 && !store.unanswered ? (
          <View className='buyer-actions'>
            <Text className='pay-error'>{c.nothingToBuy}</Text>
            <ActionButton className='back-to-cart' kind='secondary' text={c.backToCart} onTap={() => void Taro.switchTab({ url: routes.cart })} />
          </View>
        ) : (
          <>
            <PickupPointCard point={quote.pickupPoint} />
            <PickupEstimateCard estimate={quote.pickup} ifPaidNow />
            <PriceBreakdown priced={pricedFromQuote(quote)} />
          </>
        )}
      </>
    )
  }

  return (
    <>
      {body}
      <CheckoutMessages store={store} />
      <PayBar store={store} onPay={() => void pay()} />
    </>
  )
})

function CheckoutPage() {
  return (
    <View className='buyer-page buyer-page--with-bar checkout-page'>
      <BuyerGate parent={routes.cart}>{(user) => <Checkout user={user} />}</BuyerGate>
    </View>
  )
}

export default CheckoutPage
