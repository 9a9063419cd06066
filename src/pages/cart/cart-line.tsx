import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ActionButton } from '../../components/action-button'
import { QuantityStepper } from '../../components/quantity-stepper'
import { listingUrl } from '../../listing-route'
import type { CartLineView, CartStore } from '../../stores/cart-store'
import { strings } from '../../strings'
import { pricePerUnit, unitLabel } from '../../strings/format'
import { formatYuan } from '../../domain/money'

const c = strings.cart

async function confirmRemove(cart: CartStore, listingId: string) {
  const { confirm } = await Taro.showModal({ content: c.removeConfirm })
  if (confirm) cart.remove(listingId)
}

/** One line: what it is, what it costs now, what is wrong with it, and how many. */
export const CartLineRow = observer(function CartLineRow({ view, cart }: { view: CartLineView; cart: CartStore }) {
  const { line, problem, priceChanged, priceFen } = view
  const unit = unitLabel(line.unit)
  const modifiers = [
    // `gone` looks like sold out to the buyer (nothing to be had), with its own words.
    problem === 'sold_out' || problem === 'gone' ? 'cart-line--sold-out' : '',
    problem === 'gone' ? 'cart-line--gone' : '',
    problem === 'short' ? 'cart-line--short' : '',
    priceChanged ? 'cart-line--price-changed' : '',
  ]
  const nothingLeft = problem === 'sold_out' || problem === 'gone'
  return (
    <View className={['cart-line', ...modifiers].filter(Boolean).join(' ')} data-listing-id={line.listingId}>
      <View className='cart-line__main' onClick={() => void Taro.navigateTo({ url: listingUrl(line.listingId) })}>
        <Image className='cart-line__thumb' src={line.thumbUrl ?? ''} mode='aspectFill' nativeProps={{ alt: strings.listing.photoAlt(line.title, 1) }} />
        <View className='cart-line__body'>
          <Text className='cart-line__title'>{line.title}</Text>
          <Text className='cart-line__price'>{pricePerUnit(priceFen, line.unit)}</Text>
          {priceChanged && <Text className='cart-line__flag cart-line__flag--price'>{c.priceChanged(formatYuan(line.seenPriceFen), formatYuan(priceFen))}</Text>}
          {problem === 'sold_out' && <Text className='cart-line__flag'>{c.soldOut}</Text>}
          {problem === 'gone' && <Text className='cart-line__flag'>{c.gone}</Text>}
          {problem === 'short' && <Text className='cart-line__flag'>{c.short(line.stock, unit)}</Text>}
        </View>
      </View>
      <View className='cart-line__actions'>
        <QuantityStepper value={line.quantity} max={Math.max(line.stock, line.quantity)} disabled={nothingLeft} onChange={(next) => cart.setQuantity(line.listingId, next)} />
        {problem === 'short' && (
          <ActionButton className='cart-line__fit fit-to-stock' kind='secondary' text={c.fitToStock(line.stock, unit)} onTap={() => cart.setQuantity(line.listingId, line.stock)} />
        )}
        <ActionButton className='cart-line__remove remove-line' kind='plain' text={c.remove} onTap={() => void confirmRemove(cart, line.listingId)} />
      </View>
    </View>
  )
})
