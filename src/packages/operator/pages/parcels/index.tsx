import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef } from 'react'
import type { User } from '../../../../api'
import { RoleGate } from '../../../../components/role-gate'
import { RunDateSwitcher } from '../../../../components/run-date-switcher'
import { StateView } from '../../../../components/state-view'
import { chinaDate } from '../../../../domain/china-time'
import { countWithStatus, parcelsByFarmer } from '../../../../stores/parcel-groups'
import { villageRunFor } from '../../../../stores/village-stores'
import { describeError } from '../../../../strings/format'
import { describeParcelError, workStrings } from '../../../../strings/work'
import { ActionButton } from '../../../../components/action-button'
import { FarmerParcelsCard } from './farmer-parcels'
import { HandInList } from './hand-in-list'
import '../../../work-page.scss'
import './index.scss'

const p = workStrings.parcels

// A village office may have a printer; a phone has none.
const canPrint = process.env.TARO_ENV === 'h5'

/** 今日待收包裹: what the farmers hand in at the village service center for a day's collection run. */
const VillageParcels = observer(function VillageParcels({ user }: { user: User }) {
  const store = villageRunFor(user.id)
  // Opened anew: the run the server says matters now; back from another page: the run shown.
  const opened = useRef(false)
  useDidShow(() => {
    void (opened.current ? store.load() : store.openDefault())
    opened.current = true
  })
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))

  const parcels = store.view?.items ?? []
  const handedIn = parcels.length - countWithStatus(parcels, 'awaiting_collection')
  return (
    <>
      {store.date && <RunDateSwitcher date={store.date} today={chinaDate(new Date())} onChange={(date) => void store.showDate(date)} />}
      {parcels.length > 0 && <Text className='run-summary'>{p.summary(parcels.length, handedIn)}</Text>}
      {canPrint && store.view && handedIn < parcels.length && (
        <View className='work-page__top'>
          <ActionButton className='print-hand-in' kind='secondary' text={workStrings.handInList.print} onTap={() => window.print()} />
        </View>
      )}
      {store.actionError && <Text className='work-error'>{describeParcelError(store.actionError)}</Text>}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {!store.view && store.status === 'loading' && <StateView kind='loading' />}
      {store.view && parcels.length === 0 && store.status !== 'failed' && <StateView kind='empty' message={p.empty} hint={p.emptyHint} />}
      {parcelsByFarmer(parcels).map((group) => (
        <FarmerParcelsCard key={group.farmer.id} group={group} store={store} />
      ))}
      {canPrint && store.view && <HandInList run={store.view} />}
    </>
  )
})

function VillageParcelsPage() {
  return (
    <View className='work-page village-parcels-page'>
      <RoleGate role='operator'>{(user) => <VillageParcels user={user} />}</RoleGate>
    </View>
  )
}

export default VillageParcelsPage
