import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Parcel, VillageRun } from '../../../../api'
import { collectParcel, undoParcelStep } from '../../../../api/parcel-client'
import { ActionButton } from '../../../../components/action-button'
import { ParcelLines } from '../../../../components/parcel-lines'
import type { CollectionRunStore } from '../../../../stores/collection-run-store'
import type { FarmerParcels } from '../../../../stores/parcel-groups'
import { kilograms } from '../../../../strings/format'
import { parcelStatusLabel, workStrings } from '../../../../strings/work'

const p = workStrings.parcels
const r = workStrings.run

const VillageParcel = observer(function VillageParcel({ parcel, store }: { parcel: Parcel; store: CollectionRunStore<VillageRun> }) {
  const busy = store.busyId === parcel.id
  const collect = async () => {
    if (await store.act(parcel.id, collectParcel)) void Taro.showToast({ title: p.collectedToast, icon: 'none' })
  }
  const undo = async () => {
    if (await store.act(parcel.id, undoParcelStep)) void Taro.showToast({ title: r.undoneToast, icon: 'none' })
  }
  return (
    <View className={`village-parcel village-parcel--${parcel.status}`} data-parcel-id={parcel.id}>
      <ParcelLines lines={parcel.lines} />
      <Text className='village-parcel__meta'>{`${r.weight(kilograms(parcel.weightGrams))} · ${r.order(parcel.number ?? parcel.orderId)}`}</Text>
      {parcel.status === 'awaiting_collection' ? (
        // Big and full width: tapped with a parcel in the other hand.
        <ActionButton className='collect-parcel' block text={p.collect} loading={busy} disabled={store.busyId !== null && !busy} onTap={() => void collect()} />
      ) : (
        <View className='parcel-done-row'>
          <Text className={`parcel-done parcel-done--${parcel.status}`}>{`✓ ${parcelStatusLabel(parcel.status)}`}</Text>
          {store.canUndo(parcel) && (
            <ActionButton className='undo-parcel' kind='secondary' text={r.undo} loading={busy} disabled={store.busyId !== null && !busy} onTap={() => void undo()} />
          )}
        </View>
      )}
    </View>
  )
})

/** One farmer's parcels on this run: whom to go to, what to take from them, how heavy. */
export const FarmerParcelsCard = observer(function FarmerParcelsCard({ group, store }: { group: FarmerParcels; store: CollectionRunStore<VillageRun> }) {
  return (
    <View className='work-card farmer-parcels'>
      <View className='farmer-parcels__head'>
        <Text className='farmer-parcels__name parcel-farmer'>{group.farmer.name}</Text>
        <Text className={`farmer-parcels__state ${group.waiting === 0 ? 'farmer-parcels__state--done' : ''}`.trim()}>
          {group.waiting > 0 ? p.waiting(group.waiting) : p.allIn}
        </Text>
      </View>
      <Text className='farmer-parcels__weight'>{r.weight(kilograms(group.weightGrams))}</Text>
      {group.parcels.map((parcel) => (
        <VillageParcel key={parcel.id} parcel={parcel} store={store} />
      ))}
    </View>
  )
})
