import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { MonthSwitcher } from '../../../../components/month-switcher'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { commissionsFor } from '../../../../stores/village-stores'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import { CommissionLines } from './commission-lines'
import '../../../work-page.scss'
import './index.scss'

const c = workStrings.commissions

/** 我的佣金: month by month, what the village's sales earned the cun xiao'er. */
const Commissions = observer(function Commissions({ user }: { user: User }) {
  const store = commissionsFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  const statement = store.value
  return (
    <>
      <MonthSwitcher store={store} />
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {!statement && store.status === 'loading' && <StateView kind='loading' />}
      {statement && statement.items.length === 0 && <StateView kind='empty' message={c.empty} hint={c.emptyHint} />}
      {statement && statement.items.length > 0 && <CommissionLines statement={statement} />}
    </>
  )
})

function CommissionsPage() {
  return (
    <View className='work-page commissions-page'>
      <RoleGate role='operator'>{(user) => <Commissions user={user} />}</RoleGate>
    </View>
  )
}

export default CommissionsPage
