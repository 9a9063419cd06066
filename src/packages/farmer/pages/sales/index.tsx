import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { SalesRun, User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { formatYuan } from '../../../../domain/money'
import type { FarmerSalesStore } from '../../../../stores/farmer-sales-store'
import { mySalesFor } from '../../../../stores/work-stores'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import { SalesRunCard } from './sales-run'
import '../../../work-page.scss'
import './index.scss'

const s = workStrings.sales

/** The month's line above its newest run: the month's totals over all its runs. */
function MonthHeading({ store, run }: { store: FarmerSalesStore; run: SalesRun }) {
  const month = store.monthOf(run)
  if (!month) return null
  const [year, monthOfYear] = month.month.split('-').map(Number)
  return <Text className='sales-month'>{s.monthTotal(workStrings.months.label(year, monthOfYear), month.lineCount, formatYuan(month.amountFen))}</Text>
}

/** 我卖出的: the farmer's paid goods by collection run, newest first. */
const MySales = observer(function MySales({ user }: { user: User }) {
  const store = mySalesFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())

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

function MySalesPage() {
  return (
    <View className='work-page my-sales-page'>
      <RoleGate role='farmer'>{(user) => <MySales user={user} />}</RoleGate>
    </View>
  )
}

export default observer(MySalesPage)
