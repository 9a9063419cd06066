import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PickupEstimate, PickupPoint } from '../../../api'
import { buyerStrings, openingHours, pickupWindow } from '../../../strings/buyer'

const s = buyerStrings.pickup

/** The county center the buyer collects at: where, how to call, when it is open. */
export function PickupPointCard({ point }: { point: PickupPoint }) {
  return (
    <View className='buyer-card pickup-point'>
      <Text className='buyer-card__title'>{s.title}</Text>
      <Text className='pickup-point__name'>{point.name}</Text>
      <Text className='pickup-point__line'>{point.address}</Text>
      {openingHours(point).map((line) => (
        <Text key={line} className='pickup-point__line'>
          {line}
        </Text>
      ))}
      {point.phone && (
        <View className='pickup-point__phone' hoverClass='pickup-point__phone--pressed' onClick={() => void Taro.makePhoneCall({ phoneNumber: point.phone! })}>
          <Text>{s.phone(point.phone)}</Text>
          <Text className='pickup-point__call'>{s.call}</Text>
        </View>
      )}
    </View>
  )
}

/** When the order can be collected, China time: the day and the hours. */
export function PickupEstimateCard({ estimate, ifPaidNow = false }: { estimate: PickupEstimate; ifPaidNow?: boolean }) {
  return (
    <View className='buyer-card pickup-estimate'>
      <Text className='buyer-card__title'>{s.estimateTitle}</Text>
      <Text className='pickup-estimate__lead'>{ifPaidNow ? s.ifPaidNow : s.ready}</Text>
      <Text className='pickup-estimate__window'>{pickupWindow(estimate)}</Text>
    </View>
  )
}
