import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import type { Reconciliation, ReconciliationRow } from '../../../../api/reconciliation-types'
import { ActionButton } from '../../../../components/action-button'
import { MonthSwitcher } from '../../../../components/month-switcher'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { formatYuan } from '../../../../domain/money'
import { reconciliationFor } from '../../../../stores/county-reconciliation'
import { countyStrings } from '../../../../strings/county'
import { describeError } from '../../../../strings/format'
import '../../../work-page.scss'
import './index.scss'

const r = countyStrings.reconciliation

// A browser downloads the file; in WeChat it goes into a chat (文件传输助手 reaches the office computer).
const inBrowser = process.env.TARO_ENV === 'h5'

function Balances({ figures }: { figures: Reconciliation }) {
  const rows = [
    { name: 'payable', label: r.payable, fen: figures.payableFen },
    { name: 'pending', label: r.pending, fen: figures.pendingFen },
    { name: 'paid-out', label: r.paidOut, fen: figures.paidOutFen },
  ]
  return (
    <View className='work-card reconciliation-balances'>
      {rows.map((row) => (
        <View key={row.name} className={`reconciliation-figure reconciliation-balance--${row.name}`}>
          <Text className='reconciliation-figure__label'>{row.label}</Text>
          <Text className='reconciliation-figure__yuan'>{formatYuan(row.fen)}</Text>
        </View>
      ))}
      {figures.inFlightFen !== 0 && <Text className='reconciliation-hint'>{r.inFlight(formatYuan(figures.inFlightFen).replace('¥', ''))}</Text>}
    </View>
  )
}

/** One village's month (or the county's, on the totals card), with whether it balances to the fen. */
function VillageCard({ row, totals }: { row: ReconciliationRow; totals?: boolean }) {
  const figures = [
    { name: 'received', label: r.received, fen: row.receivedFen },
    { name: 'farmers', label: r.farmersShare, fen: row.farmersShareFen },
    { name: 'commission', label: r.commission, fen: row.commissionFen },
    { name: 'shipping', label: r.shipping, fen: row.shippingFen },
    { name: 'subsidy', label: r.subsidy, fen: -row.subsidyFen },
    { name: 'refunds', label: r.refunds, fen: row.refundsFen },
    { name: 'payouts', label: r.payouts, fen: row.payoutsFen },
  ]
  const balanced = row.differenceFen === 0
  return (
    <View className={`work-card reconciliation-village${totals ? ' reconciliation-totals' : ''}`}>
      <View className='reconciliation-village__head'>
        <Text className='reconciliation-village__name'>{totals ? r.totals : row.villageName}</Text>
        <Text className='reconciliation-village__orders'>{r.orders(row.orderCount)}</Text>
        <Text className={`reconciliation-mark reconciliation-mark--${balanced ? 'balanced' : 'off'}`}>{balanced ? r.balanced : r.off(formatYuan(row.differenceFen).replace('¥', ''))}</Text>
      </View>
      {figures.map((f) => (
        <View key={f.name} className={`reconciliation-figure reconciliation-figure--${f.name}`}>
          <Text className='reconciliation-figure__label'>{f.label}</Text>
          <Text className='reconciliation-figure__yuan'>{formatYuan(f.fen)}</Text>
        </View>
      ))}
    </View>
  )
}

/** 月度对账: where the month's money went, village by village, each proved to the fen. */
const MonthlyReconciliation = observer(function MonthlyReconciliation({ user }: { user: User }) {
  const store = reconciliationFor(user.id)
  const { month, figures } = store
  useDidShow(() => void month.load())
  usePullDownRefresh(() => void month.load().finally(() => Taro.stopPullDownRefresh()))
  const save = async () => {
    if (await store.save()) void Taro.showToast({ title: inBrowser ? r.downloaded : r.sent, icon: 'none' })
  }
  return (
    <>
      <MonthSwitcher store={month} />
      <Text className='reconciliation-hint'>{r.hint}</Text>
      {month.status === 'failed' && <StateView kind='error' message={describeError(month.error)} onRetry={() => void month.load()} />}
      {month.value === null && month.status === 'loading' && <StateView kind='loading' />}
      {figures && (
        <>
          <Balances figures={figures} />
          {!store.balanced && <Text className='work-error reconciliation-unbalanced'>{r.unbalanced}</Text>}
          <VillageCard row={figures.totals} totals />
          {figures.lines.map((line) => (
            <VillageCard key={line.villageId ?? ''} row={line} />
          ))}
          <View className='work-page__top'>
            <ActionButton className='save-reconciliation' block text={inBrowser ? r.download : r.send} loading={store.saving} onTap={() => void save()} />
            {store.saveError && <Text className='work-error'>{describeError(store.saveError)}</Text>}
          </View>
        </>
      )}
    </>
  )
})

function ReconciliationPage() {
  return (
    <View className='work-page reconciliation-page'>
      <RoleGate role='county_staff'>{(user) => <MonthlyReconciliation user={user} />}</RoleGate>
    </View>
  )
}

export default ReconciliationPage
