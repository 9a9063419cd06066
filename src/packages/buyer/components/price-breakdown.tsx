import { Text, View } from '@tarojs/components'
import { formatYuan } from '../../../domain/money'
import { buyerStrings, kilograms, orderStatusLabel, parcelStatusLabel } from '../../../strings/buyer'
import { unitLabel } from '../../../strings/format'
import type { Priced } from './priced'

const p = buyerStrings.price

/**
 * The price as the buyer is charged it: each line's goods, each parcel's shipping (one parcel
 * per farmer), the county's subsidy of the shipping, and the total. Every figure is the
 * server's, computed by the same domain pricing the order is charged by; nothing is added up here.
 */
export function PriceBreakdown({ priced }: { priced: Priced }) {
  const row = (name: string, label: string, amount: string) => (
    <View className={`buyer-card__row price-${name}`}>
      <Text className='buyer-card__label'>{label}</Text>
      <Text className='buyer-card__amount'>{amount}</Text>
    </View>
  )
  return (
    <>
      <View className='buyer-card'>
        <Text className='buyer-card__title'>{p.title}</Text>
        {priced.lines.map((line) => (
          <View key={line.listingId} className='checkout-line' data-listing-id={line.listingId}>
            <View className='checkout-line__text'>
              <Text className='checkout-line__title'>{line.title}</Text>
              <Text className='checkout-line__detail'>{p.line(line.quantity, unitLabel(line.unit), formatYuan(line.unitPriceFen))}</Text>
            </View>
            <Text className='checkout-line__total'>{formatYuan(line.lineTotalFen)}</Text>
          </View>
        ))}
      </View>

      <View className='buyer-card'>
        <Text className='buyer-card__title'>{p.parcelsTitle}</Text>
        {priced.parcels.map((parcel) => (
          <View key={parcel.key} className='checkout-parcel'>
            <View className='checkout-line__text'>
              <Text className='checkout-line__title'>{p.parcel(parcel.village.name, parcel.farmer.name)}</Text>
              <Text className='checkout-line__detail'>{p.weight(kilograms(parcel.weightGrams))}</Text>
              {parcel.pickedUp ? (
                <Text className='checkout-parcel__status parcel-status--picked_up'>{orderStatusLabel('picked_up')}</Text>
              ) : (
                parcel.status && <Text className={`checkout-parcel__status parcel-status--${parcel.status}`}>{parcelStatusLabel(parcel.status)}</Text>
              )}
            </View>
            <Text className='checkout-line__total'>{formatYuan(parcel.shippingFen)}</Text>
          </View>
        ))}
        {row('subtotal', p.subtotal, formatYuan(priced.subtotalFen))}
        {row('shipping', p.shipping, formatYuan(priced.shippingFen))}
        {priced.subsidyFen > 0 && row('subsidy', p.subsidy, `-${formatYuan(priced.subsidyFen)}`)}
        <View className='buyer-card__row buyer-card__row--total price-total'>
          <Text className='buyer-card__label'>{p.total}</Text>
          <Text className='buyer-card__total'>{formatYuan(priced.totalFen)}</Text>
        </View>
      </View>
    </>
  )
}
