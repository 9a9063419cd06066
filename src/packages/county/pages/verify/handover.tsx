import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { DeskOrder } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { CaseForm } from '../../../../components/after-sale'
import { ParcelLines } from '../../../../components/parcel-lines'
import { deskCaseReportFor } from '../../../../stores/county-stores'
import { afterSaleStrings } from '../../../../strings/after-sale'
import { countyStrings } from '../../../../strings/county'

const v = countyStrings.verify

/** What to hand over, in type read across a counter: to whom, every line with its quantity, and
 *  which parcels (farmer, village) to take from the shelf. */
export function Handover({ order, userId, onDone }: { order: DeskOrder; userId: string; onDone: () => void }) {
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
      <DeskCases order={order} userId={userId} />
      <View className='work-card__actions'>
        <ActionButton className='handover-done' block text={v.done} onTap={onDone} />
      </View>
    </View>
  )
}

/** 登记问题: short weight, a torn bag, the wrong goods, seen as they are handed over, per line. */
const DeskCases = observer(function DeskCases({ order, userId }: { order: DeskOrder; userId: string }) {
  const [openLine, setOpenLine] = useState<string | null>(null)
  const [recorded, setRecorded] = useState<string[]>([])
  const store = deskCaseReportFor(userId)
  return (
    <View className='desk-cases'>
      {order.lines.map((line) =>
        openLine === line.listingId ? (
          <CaseForm
            key={line.listingId}
            orderId={order.id}
            listingId={line.listingId}
            title={line.title}
            store={store}
            heading={afterSaleStrings.record}
            onCancel={() => setOpenLine(null)}
            onDone={() => {
              setOpenLine(null)
              setRecorded([...recorded, line.listingId])
              void Taro.showToast({ title: afterSaleStrings.recorded, icon: 'none' })
            }}
          />
        ) : (
          <View key={line.listingId} className='desk-cases__line'>
            <Text className='desk-cases__title'>{recorded.includes(line.listingId) ? `${line.title} · ${afterSaleStrings.recorded}` : line.title}</Text>
            <ActionButton
              className='record-case'
              kind='secondary'
              text={afterSaleStrings.record}
              onTap={() => {
                store.reset()
                setOpenLine(line.listingId)
              }}
            />
          </View>
        ),
      )}
    </View>
  )
})
