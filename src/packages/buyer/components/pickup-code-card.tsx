import { Text, View } from '@tarojs/components'
import { pickupQrText } from '../../../domain/pickup-qr'
import { buyerStrings } from '../../../strings/buyer'
import { PickupQr } from './pickup-qr'

const o = buyerStrings.order

/** What the buyer shows at the county center: six big digits to read out, and the same as a QR
 *  code the county staff can scan instead. */
export function PickupCodeCard({ orderId, code }: { orderId: string; code: string }) {
  return (
    <View className='buyer-card pickup-code-card'>
      <Text className='buyer-card__title'>{o.pickupCode}</Text>
      <Text className='pickup-code'>{code}</Text>
      <PickupQr text={pickupQrText(orderId, code)} />
      <Text className='pickup-code-card__hint'>{o.pickupCodeHint}</Text>
    </View>
  )
}
