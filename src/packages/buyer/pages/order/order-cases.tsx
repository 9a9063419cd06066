import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Order } from '../../../../api'
import { CaseForm, CaseList } from '../../../../components/after-sale'
import { ActionButton } from '../../../../components/action-button'
import { canReportCase, CASE_REPORT_WINDOW_HOURS } from '../../../../domain/after-sale'
import { caseReportFor } from '../../../../stores/buyer-stores'
import { afterSaleStrings as s } from '../../../../strings/after-sale'

/** When the order was handed over: the 24 hours of 申请售后 run from there. */
const pickedUpAt = (order: Order) => order.timeline.find((e) => e.kind === 'picked_up')?.at ?? null

/** 售后: 申请售后 on each line within 24 hours of pickup, and every case with its decision. */
export const OrderCases = observer(function OrderCases({ order, userId, onChanged }: { order: Order; userId: string; onChanged: () => void }) {
  const [openLine, setOpenLine] = useState<string | null>(null)
  const store = caseReportFor(userId)
  const cases = order.cases ?? []
  const canReport = canReportCase(order.status, pickedUpAt(order), new Date(), 'buyer').ok
  if (!canReport && cases.length === 0) return null
  return (
    <View className='buyer-card order-cases'>
      <Text className='buyer-card__title'>{s.casesTitle}</Text>
      {canReport && <Text className='order-cases__hint'>{s.window(CASE_REPORT_WINDOW_HOURS)}</Text>}
      {canReport &&
        order.lines.map((line) =>
          openLine === line.listingId ? (
            <CaseForm
              key={line.listingId}
              orderId={order.id}
              listingId={line.listingId}
              title={line.title}
              store={store}
              onCancel={() => setOpenLine(null)}
              onDone={() => {
                setOpenLine(null)
                void Taro.showToast({ title: s.reported, icon: 'none' })
                onChanged()
              }}
            />
          ) : (
            <View key={line.listingId} className='order-cases__line'>
              <Text className='order-cases__title'>{line.title}</Text>
              <ActionButton
                className='report-case'
                kind='secondary'
                text={s.report}
                onTap={() => {
                  store.reset()
                  setOpenLine(line.listingId)
                }}
              />
            </View>
          ),
        )}
      <CaseList cases={cases} />
    </View>
  )
})
