import { Text, View } from '@tarojs/components'
import type { DeskOrder } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { ParcelLines } from '../../../../components/parcel-lines'
import { countyStrings } from '../../../../strings/county'

const v = countyStrings.verify

/** What to hand over, in type read across a counter: to whom, every line with its quantity, and
 *  which parcels (farmer, village) to take from the shelf. */
export function Handover({ order, onDone }: { order: DeskOrder; onDone: () => void }) {
  return (
    <View className='work-card handover' data-order-id={order.id}>
      <Text className='handover__title'>{v.handoverTitle}</Text>
      <Text className='handover__buyer'>{v.buyer(order.buyer.name)}</Text>
      {order.number && <Text className='handover__number'>{v.number(order.number)}</Text>}
      <Text className='handover__section'>{v.linesTitle}</Text>
      <ParcelLines lines={order.lines} lineClassName='handover-line' large />
      <Text className='handover__section'>{v.parcelsTitle}</Text>
      {order.parcels.map((parcel) => (
        <Text key={parcel.id} className='handover-parcel'>
          {v.parcel(parcel.village.name, parcel.farmer.name)}
        </Text>
      ))}
      <View className='work-card__actions'>
        <ActionButton className='handover-done' block text={v.done} onTap={onDone} />
      </View>
    </View>
  )
}
