import { Text, View } from '@tarojs/components'
import type { OrderEvent } from '../../../api'
import { buyerStrings, chinaDateTime, timelineLabel } from '../../../strings/buyer'

/** The order's steps, oldest first, China time; a parcel's step names its farmer. */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  return (
    <View className='buyer-card order-timeline'>
      <Text className='buyer-card__title'>{buyerStrings.order.timelineTitle}</Text>
      {events.map((event, index) => (
        <View key={`${event.kind}-${event.at}-${index}`} className={`timeline-entry timeline-entry--${event.kind}`}>
          <View className='timeline-entry__dot' />
          <View className='timeline-entry__text'>
            <Text className='timeline-entry__what'>{event.farmer ? `${timelineLabel(event.kind)}（${event.farmer.name}）` : timelineLabel(event.kind)}</Text>
            <Text className='timeline-entry__at'>{chinaDateTime(event.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
