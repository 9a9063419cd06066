import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { payoutRunsFor } from '../../../../stores/county-money-stores'
import { countyMoneyStrings, describeRunProblem } from '../../../../strings/county-money'
import { describeError } from '../../../../strings/format'
import { RunCard } from './run-card'
import '../../../work-page.scss'
import './index.scss'

const s = countyMoneyStrings.payouts

/** 转账批次: draw up a run of what the county owes, have a second clerk approve it, follow each payout. */
const PayoutRuns = observer(function PayoutRuns({ user }: { user: User }) {
  const store = payoutRunsFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  const draft = async () => {
    if (await store.draft()) void Taro.showToast({ title: s.drafted, icon: 'none' })
  }
  let body
  if (store.status === 'failed' && store.items.length === 0) body = <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />
  else if (store.status !== 'loaded' && store.items.length === 0) body = <StateView kind='loading' />
  else if (store.items.length === 0) body = <StateView kind='empty' message={s.empty} hint={s.emptyHint} />
  else body = store.items.map((run) => <RunCard key={run.id} run={run} store={store} />)
  return (
    <>
      <View className='work-page__top'>
        <Text className='payouts-hint'>{s.hint}</Text>
        <ActionButton className='draft-run' block text={s.draft} loading={store.busy === 'draft'} disabled={store.busy !== null || store.waiting !== null} onTap={() => void draft()} />
        {store.draftProblem && <Text className='work-error draft-problem'>{describeRunProblem(store.draftProblem)}</Text>}
      </View>
      {body}
    </>
  )
})

function PayoutsPage() {
  return (
    <View className='work-page payouts-page'>
      <RoleGate role='county_staff'>{(user) => <PayoutRuns user={user} />}</RoleGate>
    </View>
  )
}

export default PayoutsPage
