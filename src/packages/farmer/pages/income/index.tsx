import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { IncomeStatement } from '../../../../components/income-statement'
import { TransferConfirm } from '../../../../components/income-statement/transfer-confirm'
import { RoleGate } from '../../../../components/role-gate'
import { myIncomeFor } from '../../../../stores/work-stores'
import '../../../work-page.scss'

/** 我的收入: what she can be paid now, what waits for the after-sale window, what is on its way and
 *  what reached her; the month's lines by order number; a WeChat transfer to accept. */
const MyIncome = observer(function MyIncome({ user }: { user: User }) {
  const store = myIncomeFor(user.id)
  // Fresh each time: sales settle and payouts move while she is away. WeChat's confirm sheet is a
  // page of its own, so closing it shows this page again: a confirm's message is kept through that.
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <TransferConfirm store={store} />
      <IncomeStatement store={store} holder='farmer' />
    </>
  )
})

function MyIncomePage() {
  return (
    <View className='work-page my-income-page'>
      <RoleGate role='farmer'>{(user) => <MyIncome user={user} />}</RoleGate>
    </View>
  )
}

export default MyIncomePage
