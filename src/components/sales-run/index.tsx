import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { SalesRun } from '../../api'
import { formatYuan } from '../../domain/money'
import type { FarmerSalesStore } from '../../stores/farmer-sales-store'
import { describeError } from '../../strings/format'
import { workStrings } from '../../strings/work'
import { ActionButton } from '../action-button'
import { StateView } from '../state-view'
import { SalesRunCard } from './run-card'
import './index.scss'

const s = workStrings.sales

/** The month's line above its newest run: the month's totals over all its runs. */
function MonthHeading({ store, run }: { store: FarmerSalesStore; run: SalesRun }) {
  const month = store.monthOf(run)
  if (!month) return null
  const [year, monthOfYear] = month.month.split('-').map(Number)
  return <Text className='sales-month'>{s.monthTotal(workStrings.months.label(year, monthOfYear), month.lineCount, formatYuan(month.amountFen))}</Text>
}

/** A farmer's sales by collection run, newest first: on her own 我卖出的, and on the cun
 *  xiao'er's page for a farmer without a phone. */
export const SalesList = observer(function SalesList({ store }: { store: FarmerSalesStore }) {
  return (
    <>
      {store.status === 'loading' && store.runs.length === 0 && <StateView kind='loading' />}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.isEmpty && <StateView kind='empty' message={s.empty} hint={s.emptyHint} />}
      {store.runs.map((run, index) => (
        <View key={run.date}>
          {(index === 0 || store.runs[index - 1].date.slice(0, 7) !== run.date.slice(0, 7)) && <MonthHeading store={store} run={run} />}
          <SalesRunCard run={run} />
        </View>
      ))}
      {store.nextCursor && (
        <View className='work-page__top'>
          <ActionButton className='more-sales' kind='plain' block text={s.more} onTap={() => void store.loadMore()} />
        </View>
      )}
    </>
  )
})
