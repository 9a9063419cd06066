import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ActionButton } from '../../components/action-button'
import { StateView } from '../../components/state-view'
import { formatYuan } from '../../domain/money'
import { checkoutUrl, signInAndReturn } from '../../routes'
import { useStores } from '../../stores'
import { strings } from '../../strings'
import { describeError } from '../../strings/format'

const c = strings.cart

/** The estimate from the server's quote: goods, shipping, the county's subsidy, the total. */
export const CartSummary = observer(function CartSummary() {
  const { cart, session } = useStores()
  if (!session.isSignedIn) {
    return (
      <View className='cart-summary'>
        <Text className='cart-summary__hint'>{c.signInForTotal}</Text>
        <ActionButton className='cart-sign-in' kind='secondary' text={c.signIn} onTap={() => signInAndReturn(session)} />
      </View>
    )
  }
  if (session.user?.role !== 'buyer') {
    return (
      <View className='cart-summary'>
        <Text className='cart-summary__hint'>{c.buyersOnly}</Text>
      </View>
    )
  }
  const quote = cart.quote
  if (cart.quoteStatus === 'failed' && !cart.quoteIsCurrent) {
    return <StateView kind='error' compact message={`${c.quoteFailed}（${describeError(cart.quoteError)}）`} onRetry={() => void cart.refresh()} />
  }
  if (!quote || !cart.quoteIsCurrent) {
    return (
      <View className='cart-summary'>
        <Text className='cart-summary__hint'>{c.estimating}</Text>
      </View>
    )
  }
  const row = (name: string, label: string, amount: string) => (
    <View className={`cart-summary__row cart-${name}`}>
      <Text>{label}</Text>
      <Text className='cart-summary__amount'>{amount}</Text>
    </View>
  )
  return (
    <View className='cart-summary'>
      {row('subtotal', c.subtotal, formatYuan(quote.subtotalFen))}
      {row('shipping', c.shipping, formatYuan(quote.shippingFen))}
      {quote.subsidyFen > 0 && row('subsidy', c.subsidy, `-${formatYuan(quote.subsidyFen)}`)}
    </View>
  )
})

/** The bar with the total and 去结算, which orders the lines that can be had now. */
export const CheckoutBar = observer(function CheckoutBar() {
  const { cart, session } = useStores()
  const current = cart.quoteIsCurrent && cart.quote !== null
  const lines = cart.checkoutLines
  const goCheckout = () => {
    if (!session.isSignedIn) signInAndReturn(session)
    else if (lines.length > 0) void Taro.navigateTo({ url: checkoutUrl(lines) })
  }
  return (
    <View className={`cart-page__bar ${process.env.TARO_ENV === 'h5' ? 'cart-page__bar--above-tabs' : ''}`.trim()}>
      <View className='cart-page__total'>
        <Text className='cart-page__total-label'>{c.total}</Text>
        <Text className='cart-page__total-amount cart-total'>{current ? formatYuan(cart.quote!.totalFen) : '—'}</Text>
        {current && cart.problemCount > 0 && <Text className='cart-page__left-out'>{c.leftOut(cart.problemCount)}</Text>}
      </View>
      <ActionButton
        className='go-checkout'
        text={c.goCheckout}
        disabled={session.isSignedIn && lines.length === 0}
        loading={session.isSignedIn && cart.quoteStatus === 'loading' && !current}
        onTap={goCheckout}
      />
    </View>
  )
})
