import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef } from 'react'
import type { Manifest, User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { RunDateSwitcher } from '../../../../components/run-date-switcher'
import { StateView } from '../../../../components/state-view'
import { chinaDate } from '../../../../domain/china-time'
import { manifestFor } from '../../../../stores/county-stores'
import { countyStrings } from '../../../../strings/county'
import { describeError, kilograms } from '../../../../strings/format'
import { describeParcelError, runDay } from '../../../../strings/work'
import { ManifestVillageCard } from './manifest-village'
import '../../../work-page.scss'
import './index.scss'

const m = countyStrings.manifest

// The county office prints the run for the driver and the shelf; a phone has no printer.
const canPrint = process.env.TARO_ENV === 'h5'

function summary(manifest: Manifest): string {
  const parcels = manifest.villages.reduce((sum, entry) => sum + entry.parcelCount, 0)
  const grams = manifest.villages.reduce((sum, entry) => sum + entry.weightGrams, 0)
  return m.summary(manifest.villages.length, parcels, kilograms(grams))
}

/** 集货清单: a day's collection run as it arrives at the county center, village by village. */
const CollectionManifest = observer(function CollectionManifest({ user }: { user: User }) {
  const store = manifestFor(user.id)
  // Opened anew: the run the server says matters now; back from another page: the run shown.
  const opened = useRef(false)
  useDidShow(() => {
    void (opened.current ? store.load() : store.openDefault())
    opened.current = true
  })
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  const manifest = store.view
  return (
    <>
      {store.date && (
        <>
          <RunDateSwitcher className='manifest-dates' date={store.date} today={chinaDate(new Date())} onChange={(date) => void store.showDate(date)} />
          <Text className='manifest-title'>{m.title(runDay(store.date))}</Text>
        </>
      )}
      {manifest && manifest.villages.length > 0 && (
        <View className='manifest-summary'>
          <Text className='run-summary'>{summary(manifest)}</Text>
          {canPrint && <ActionButton className='print-manifest' kind='secondary' text={m.print} onTap={() => window.print()} />}
        </View>
      )}
      {store.actionError && <Text className='work-error'>{describeParcelError(store.actionError)}</Text>}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {!manifest && store.status === 'loading' && <StateView kind='loading' />}
      {manifest && manifest.villages.length === 0 && store.status !== 'failed' && <StateView kind='empty' message={m.empty} hint={m.emptyHint} />}
      {manifest?.villages.map((entry) => (
        <ManifestVillageCard key={entry.village.id} entry={entry} store={store} />
      ))}
    </>
  )
})

function ManifestPage() {
  return (
    <View className='work-page manifest-page'>
      <RoleGate role='county_staff'>{(user) => <CollectionManifest user={user} />}</RoleGate>
    </View>
  )
}

export default ManifestPage
