import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { IncomeStatement } from '../../../../components/income-statement'
import { TransferConfirm } from '../../../../components/income-statement/transfer-confirm'
import { RoleGate } from '../../../../components/role-gate'
import { myIncomeFor } from '../../../../stores/work-stores'
import '../../../work-page.scss'

/** The cun xiao'er's 我的收入: his commission payable, pending and paid, per order, and his own
 *  WeChat transfer to accept. */
const OperatorIncome = observer(function OperatorIncome({ user }: { user: User }) {
  const store = myIncomeFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <TransferConfirm store={store} />
      <IncomeStatement store={store} holder='operator' />
    </>
  )
})

function OperatorIncomePage() {
  return (
    <View className='work-page operator-income-page'>
      <RoleGate role='operator'>{(user) => <OperatorIncome user={user} />}</RoleGate>
    </View>
  )
}

export default OperatorIncomePage
