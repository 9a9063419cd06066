import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { MonthSwitcher } from '../../../../components/month-switcher'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { subsidyReportFor } from '../../../../stores/county-stores'
import type { SubsidyTotals } from '../../../../stores/subsidy-report-store'
import { countyStrings } from '../../../../strings/county'
import { describeError } from '../../../../strings/format'
import '../../../work-page.scss'
import './index.scss'

const r = countyStrings.report

// A browser downloads the file; in WeChat it goes into a chat (文件传输助手 reaches the office computer).
const inBrowser = process.env.TARO_ENV === 'h5'

function Figures({ totals }: { totals: SubsidyTotals }) {
  const rows = [
    { name: 'goods', label: r.goods, yuan: totals.goodsYuan },
    { name: 'shipping', label: r.shipping, yuan: totals.shippingYuan },
    { name: 'subsidy', label: r.subsidy, yuan: totals.subsidyYuan },
    { name: 'paid', label: r.paid, yuan: totals.paidYuan },
  ]
  return (
    <View className='work-card report-figures'>
      <Text className='report-figures__orders'>{r.orders(totals.orders)}</Text>
      {rows.map((row) => (
        <View key={row.name} className={`report-figure report-figure--${row.name}`}>
          <Text className='report-figure__label'>{row.label}</Text>
          <Text className='report-figure__yuan'>{`¥${row.yuan}`}</Text>
        </View>
      ))}
    </View>
  )
}

/** 运费补贴月报: the month's orders kept, shipping charged and subsidy granted, for the county's claim. */
const SubsidyReport = observer(function SubsidyReport({ user }: { user: User }) {
  const store = subsidyReportFor(user.id)
  const { report, totals } = store
  useDidShow(() => void report.load())
  usePullDownRefresh(() => void report.load().finally(() => Taro.stopPullDownRefresh()))
  const save = async () => {
    if (await store.save()) void Taro.showToast({ title: inBrowser ? r.downloaded : r.sent, icon: 'none' })
  }
  return (
    <>
      <MonthSwitcher store={report} />
      <Text className='report-hint'>{r.hint}</Text>
      {report.status === 'failed' && <StateView kind='error' message={describeError(report.error)} onRetry={() => void report.load()} />}
      {report.value === null && report.status === 'loading' && <StateView kind='loading' />}
      {totals && <Figures totals={totals} />}
      {totals && (
        <View className='work-page__top'>
          <ActionButton className='save-report' block text={inBrowser ? r.download : r.send} loading={store.saving} onTap={() => void save()} />
          {!inBrowser && <Text className='report-hint'>{r.sendHint}</Text>}
          {store.saveError && <Text className='work-error'>{describeError(store.saveError)}</Text>}
        </View>
      )}
    </>
  )
})

function ReportPage() {
  return (
    <View className='work-page report-page'>
      <RoleGate role='county_staff'>{(user) => <SubsidyReport user={user} />}</RoleGate>
    </View>
  )
}

export default ReportPage
