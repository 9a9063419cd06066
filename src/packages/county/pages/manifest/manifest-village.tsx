import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Manifest, ManifestVillage, Parcel } from '../../../../api'
import { receiveParcel, undoParcelStep } from '../../../../api/parcel-client'
import { ActionButton } from '../../../../components/action-button'
import { ParcelLines } from '../../../../components/parcel-lines'
import type { CollectionRunStore } from '../../../../stores/collection-run-store'
import { countyStrings } from '../../../../strings/county'
import { kilograms } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'

const m = countyStrings.manifest
const r = workStrings.run

const ManifestParcel = observer(function ManifestParcel({ parcel, store }: { parcel: Parcel; store: CollectionRunStore<Manifest> }) {
  const busy = store.busyId === parcel.id
  const receive = async () => {
    if (await store.act(parcel.id, receiveParcel)) void Taro.showToast({ title: m.receivedToast, icon: 'none' })
  }
  const undo = async () => {
    if (await store.act(parcel.id, undoParcelStep)) void Taro.showToast({ title: r.undoneToast, icon: 'none' })
  }
  return (
    <View className={`manifest-parcel manifest-parcel--${parcel.status}`} data-parcel-id={parcel.id}>
      <View className='manifest-parcel__head'>
        <Text className='manifest-parcel__farmer parcel-farmer'>{m.farmer(parcel.farmer.name)}</Text>
        <Text className='manifest-parcel__weight'>{r.weight(kilograms(parcel.weightGrams))}</Text>
      </View>
      <ParcelLines lines={parcel.lines} />
      <Text className='manifest-parcel__order'>{r.order(parcel.number ?? parcel.orderId)}</Text>
      {parcel.status === 'collected' ? (
        <ActionButton className='receive-parcel' block text={m.receive} loading={busy} disabled={store.busyId !== null && !busy} onTap={() => void receive()} />
      ) : (
        <View className='parcel-done-row'>
          <Text className='parcel-done manifest-parcel__done'>{`✓ ${m.received}`}</Text>
          {store.canUndo(parcel) && (
            <ActionButton className='undo-parcel' kind='secondary' text={r.undo} loading={busy} disabled={store.busyId !== null && !busy} onTap={() => void undo()} />
          )}
        </View>
      )}
    </View>
  )
})

/** One village's share of the run: how many parcels, how heavy, each with its farmer and goods. */
export const ManifestVillageCard = observer(function ManifestVillageCard({ entry, store }: { entry: ManifestVillage; store: CollectionRunStore<Manifest> }) {
  return (
    <View className='work-card manifest-village' data-village-id={entry.village.id}>
      <View className='manifest-village__head'>
        <Text className='manifest-village__name'>{entry.village.name}</Text>
        <Text className='manifest-village__count'>{m.village(entry.parcelCount, kilograms(entry.weightGrams))}</Text>
      </View>
      {entry.parcels.map((parcel) => (
        <ManifestParcel key={parcel.id} parcel={parcel} store={store} />
      ))}
    </View>
  )
})
