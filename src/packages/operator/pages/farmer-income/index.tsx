import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { IncomeStatement } from '../../../../components/income-statement'
import { monthLabel } from '../../../../components/month-switcher'
import { RoleGate } from '../../../../components/role-gate'
import { useStores } from '../../../../stores'
import { farmerIncome } from '../../../../stores/work-stores'
import { chinaDateTime } from '../../../../strings/china-time-text'
import { incomeStrings } from '../../../../strings/income'
import '../../../work-page.scss'

const p = incomeStrings.print

// A village office may have a printer; a phone has none.
const canPrint = process.env.TARO_ENV === 'h5'

/** ?farmerId=&name= a farmer's statement, for the cun xiao'er to read out, or print on H5 for a
 *  farmer without a phone. The server answers for the operator's own village only. */
const FarmerIncome = observer(function FarmerIncome({ user, farmerId, name }: { user: User; farmerId: string; name: string }) {
  const [store] = useState(() => farmerIncome(farmerId))
  const { places } = useStores()
  useDidShow(() => {
    void store.load()
    void places.loadVillages()
  })
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  const village = places.villages.find((v) => v.id === user.villageId)?.name ?? ''
  return (
    <>
      <Text className='run-summary farmer-income-name no-print'>{incomeStrings.ofFarmer(name)}</Text>
      {canPrint && store.statement.value && (
        <View className='work-page__top'>
          <ActionButton className='print-statement' kind='secondary' text={p.button} onTap={() => window.print()} />
        </View>
      )}
      {/* On paper only: whose statement, which month, when printed. */}
      <View className='statement-print-head'>
        <Text className='statement-print-head__title'>{p.title(monthLabel(store.statement.month))}</Text>
        <Text className='statement-print-head__who'>{p.who(name, village)}</Text>
        <Text className='statement-print-head__when'>{p.printedAt(chinaDateTime(new Date().toISOString()))}</Text>
      </View>
      <IncomeStatement store={store} holder='farmer' />
      <View className='statement-print-head'>
        <Text>{p.signature}</Text>
      </View>
    </>
  )
})

function FarmerIncomePage() {
  const params = useRouter().params
  const farmerId = decodeURIComponent(params.farmerId ?? '')
  const name = decodeURIComponent(params.name ?? '')
  return (
    <View className='work-page farmer-income-page'>
      <RoleGate role='operator'>{(user) => <FarmerIncome user={user} farmerId={farmerId} name={name} />}</RoleGate>
    </View>
  )
}

export default FarmerIncomePage
