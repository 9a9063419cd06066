import { Text, View } from '@tarojs/components'
import type { VillageRun } from '../../../../api'
import { chinaDate } from '../../../../domain/china-time'
import { parcelsByFarmer } from '../../../../stores/parcel-groups'
import { unitLabel } from '../../../../strings/format'
import { runDay, timeOfDay, workStrings } from '../../../../strings/work'

const h = workStrings.handInList

/** The printed hand-in list (H5): for a farmer without a phone, the cun xiao'er walks or calls
 *  round with it. One block per farmer still owing goods, in large type; on screen it is hidden. */
export function HandInList({ run }: { run: VillageRun }) {
  const deadline = `${runDay(chinaDate(run.handInBy))}${timeOfDay(run.handInBy)}`
  const owing = parcelsByFarmer(run.items).filter((group) => group.waiting > 0)
  return (
    <View className='hand-in-list'>
      <Text className='hand-in-list__title'>{h.title(runDay(run.date))}</Text>
      {owing.map((group) => (
        <View key={group.farmer.id} className='hand-in-farmer'>
          <Text className='hand-in-farmer__name'>{group.farmer.name}</Text>
          <Text className='hand-in-farmer__by'>{h.by(deadline)}</Text>
          {group.parcels
            .filter((parcel) => parcel.status === 'awaiting_collection')
            .flatMap((parcel) => parcel.lines.map((line, index) => ({ key: `${parcel.id}-${index}`, line })))
            .map(({ key, line }) => (
              <Text key={key} className='hand-in-farmer__line'>
                {h.line(line.title, workStrings.run.quantity(line.quantity, unitLabel(line.unit)))}
              </Text>
            ))}
        </View>
      ))}
    </View>
  )
}
