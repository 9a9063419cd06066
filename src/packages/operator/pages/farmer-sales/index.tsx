import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { farmerSales } from '../../../../api/sales-client'
import { RoleGate } from '../../../../components/role-gate'
import { SalesList } from '../../../../components/sales-run'
import { FarmerSalesStore } from '../../../../stores/farmer-sales-store'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'

/** ?farmerId= what a farmer of the village sold, for the cun xiao'er to tell a farmer without a
 *  phone what to bring and by when. The server answers for the operator's own village only. */
const FarmerSales = observer(function FarmerSales({ farmerId }: { farmerId: string }) {
  const [store] = useState(() => new FarmerSalesStore((cursor) => farmerSales(farmerId, { cursor })))
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())
  return (
    <>
      {store.farmer && <Text className='run-summary farmer-sales-name'>{workStrings.sales.ofFarmer(store.farmer.name)}</Text>}
      <SalesList store={store} />
    </>
  )
})

function FarmerSalesPage() {
  const farmerId = decodeURIComponent(useRouter().params.farmerId ?? '')
  return (
    <View className='work-page farmer-sales-page'>
      <RoleGate role='operator'>{() => <FarmerSales farmerId={farmerId} />}</RoleGate>
    </View>
  )
}

export default FarmerSalesPage
