import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Listing } from '../../api'
import { ActionButton } from '../../components/action-button'
import { QuantityStepper } from '../../components/quantity-stepper'
import { checkoutUrl, routes, signInAndReturn } from '../../routes'
import { useStores } from '../../stores'
import { strings } from '../../strings'
import { unitLabel } from '../../strings/format'

/** How many, then 加入购物车 or 立即购买 (straight to the checkout with this line alone). */
export const BuyBar = observer(function BuyBar({ listing }: { listing: Listing }) {
  const { cart, session } = useStores()
  const available = listing.status === 'live' && !listing.soldOut && listing.stock > 0
  const [quantity, setQuantity] = useState(1)
  // Stock may have dropped since the page opened (the listing is fetched again on load).
  useEffect(() => {
    if (available && quantity > listing.stock) setQuantity(listing.stock)
  }, [listing.stock])

  // A toast cannot hold a button and is gone before an older buyer has read it: the bar stays
  // until they leave the page, with 去购物车 under the thumb that just tapped 加入购物车.
  const [added, setAdded] = useState(false)
  const addToCart = () => {
    if (cart.add(listing, quantity)) setAdded(true)
  }

  const buyNow = () => {
    if (!session.isSignedIn) {
      // Kept in the cart, so nothing is lost on the way through 我的.
      cart.add(listing, quantity)
      void Taro.showToast({ title: strings.listing.signInFirst, icon: 'none' })
      signInAndReturn(session)
    } else if (session.user?.role !== 'buyer') {
      void Taro.showToast({ title: strings.listing.buyersOnly, icon: 'none' })
    } else {
      void Taro.navigateTo({ url: checkoutUrl([{ listingId: listing.id, quantity }]) })
    }
  }

  return (
    <>
      <View className='listing-page__card listing-page__quantity'>
        <Text className='listing-page__fact-label'>{strings.listing.quantity}</Text>
        <QuantityStepper value={available ? quantity : 0} min={available ? 1 : 0} max={available ? listing.stock : 0} disabled={!available} onChange={setQuantity} />
        <Text className='listing-page__unit'>{unitLabel(listing.unit)}</Text>
      </View>
      {added && (
        <>
          {/* Keeps the end of the page clear of the fixed bar. */}
          <View className='listing-page__added-spacer' />
          <View className='listing-page__added added-bar' role='status'>
            <Text className='listing-page__added-text'>{strings.listing.added}</Text>
            <ActionButton className='go-to-cart' kind='secondary' text={strings.listing.goToCart} onTap={() => void Taro.switchTab({ url: routes.cart })} />
          </View>
        </>
      )}
      <View className='listing-page__buy-bar'>
        <ActionButton className='add-to-cart' kind='secondary' text={strings.listing.addToCart} disabled={!available} onTap={addToCart} />
        <ActionButton className='buy-now' text={available ? strings.listing.buyNow : strings.listing.soldOut} disabled={!available} onTap={buyNow} />
      </View>
    </>
  )
})
