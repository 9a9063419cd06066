import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { User } from '../../../../api'
import { RoleGate } from '../../../../components/role-gate'
import { SalesList } from '../../../../components/sales-run'
import { mySalesFor } from '../../../../stores/work-stores'
import '../../../work-page.scss'

/** 我卖出的: the farmer's paid goods by collection run, newest first. */
const MySales = observer(function MySales({ user }: { user: User }) {
  const store = mySalesFor(user.id)
  // Fresh each time: the cun xiao'er collects, the county receives, a buyer cancels meanwhile.
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())
  return <SalesList store={store} />
})

function MySalesPage() {
  return (
    <View className='work-page my-sales-page'>
      <RoleGate role='farmer'>{(user) => <MySales user={user} />}</RoleGate>
    </View>
  )
}

export default MySalesPage
