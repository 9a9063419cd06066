import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ActionButton } from '../../components/action-button'
// In this order, so the components' styles come in the order the other tab pages have them
// (state view before stepper before tab bar): webpack warns of conflicting CSS order otherwise.
import { CartSummary, CheckoutBar } from './cart-summary'
import { CartLineRow } from './cart-line'
import { TabBar } from '../../components/tab-bar'
import { PageHeader } from '../../components/page-header'
import { PageChrome } from '../../components/page-chrome'
import { useStores } from '../../stores'
import { strings } from '../../strings'
import './index.scss'

const c = strings.cart

function CartPage() {
  const { cart } = useStores()
  // Every visit asks again: a line may have sold out or changed price while the buyer was away.
  useDidShow(() => void cart.refresh())
  usePullDownRefresh(() => void cart.refresh().finally(() => Taro.stopPullDownRefresh()))

  if (cart.isEmpty) {
    return (
      <View className='cart-page cart-page--empty'>
        <PageHeader />
        <View className='cart-page__empty'>
          <Text className='cart-page__empty-title'>{c.empty}</Text>
          <Text className='cart-page__empty-hint'>{c.emptyHint}</Text>
          <ActionButton className='go-browse' text={c.browse} onTap={() => void Taro.switchTab({ url: '/pages/catalog/index' })} />
        </View>
        <TabBar current='cart' />
        <PageChrome />
      </View>
    )
  }

  return (
    <View className='cart-page'>
      {/* A tab, yet also where 去购物车 leads from a listing. Opening a tab closes the pages below
          it (WeChat's rule, which Taro's H5 keeps), so 返回 goes home, the way into the shop. */}
      <PageHeader />
      {cart.groups.map((group) => (
        <View key={group.farmer.id} className='cart-group'>
          <View className='cart-group__head'>
            <Text className='cart-group__title'>{c.group(group.village.name, group.farmer.name)}</Text>
            <Text className='cart-group__note'>{c.parcel}</Text>
          </View>
          {group.lines.map((view) => (
            <CartLineRow key={view.line.listingId} view={view} cart={cart} />
          ))}
        </View>
      ))}
      <CartSummary />
      <CheckoutBar />
      <TabBar current='cart' />
      <PageChrome />
    </View>
  )
}

export default observer(CartPage)
