import { Image, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import type { CountyCase, User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { CaseList } from '../../../../components/after-sale'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { CASE_DECLINE_REASON_MAX_LENGTH } from '../../../../domain/after-sale'
import { formatYuan } from '../../../../domain/money'
import { CASE_FAULTS, type CaseFault } from '../../../../domain/order-ledger'
import { countyCasesFor } from '../../../../stores/county-stores'
import type { CountyCasesStore } from '../../../../stores/county-cases-store'
import { afterSaleStrings as s, caseKindLabel, describeDecisionProblem } from '../../../../strings/after-sale'
import { describeError, unitLabel } from '../../../../strings/format'
import '../../../work-page.scss'
import './index.scss'

/** One open case: what the buyer or the desk saw, and the two ways to decide it. */
const OpenCase = observer(function OpenCase({ item, store }: { item: CountyCase; store: CountyCasesStore }) {
  const [yuan, setYuan] = useState('')
  const [reason, setReason] = useState('')
  const [fault, setFault] = useState<CaseFault>('farmer')
  // What was typed last, even when 退款 is tapped before the page has drawn it.
  const typed = useRef({ yuan: '', reason: '' })
  const problem = store.problemOf(item.id)
  const busy = store.deciding === item.id
  const decided = (ok: boolean) => ok && void Taro.showToast({ title: s.decided, icon: 'none' })
  return (
    <View className='work-card county-case' data-case-id={item.id}>
      <Text className='county-case__kind'>{`${caseKindLabel(item.kind)} · ${item.title}`}</Text>
      <Text className='county-case__line'>{s.line(item.title, `${item.quantity}${unitLabel(item.unit)}`, formatYuan(item.lineTotalFen))}</Text>
      <Text className='county-case__buyer'>{s.buyer(item.buyer.name)}</Text>
      {item.reportedBy === 'county_staff' && <Text className='county-case__by'>{s.byDesk}</Text>}
      {item.note !== '' && <Text className='county-case__note'>{item.note}</Text>}
      {item.photos.length > 0 && (
        <View className='county-case__photos'>
          {item.photos.map((p) => (
            <Image key={p.id} className='county-case__photo' src={p.thumbUrl} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: item.photos.map((x) => x.url), current: p.url })} />
          ))}
        </View>
      )}
      <Text className='county-case__refundable'>{s.refundable(formatYuan(item.refundableFen))}</Text>
      <View className='county-case__faults'>
        {CASE_FAULTS.map((f) => (
          <View key={f} className={`county-case__fault fault-${f}${fault === f ? ' county-case__fault--chosen' : ''}`} onClick={() => setFault(f)}>
            {s.fault[f]}
          </View>
        ))}
      </View>
      <Text className='county-case__fault-hint'>{s.faultHint[fault]}</Text>
      <View className='county-case__decide'>
        <Input className='county-case__input refund-yuan' type='digit' placeholder={s.refundLabel} value={yuan} onInput={(e) => setYuan((typed.current.yuan = e.detail.value))} />
        <ActionButton className='refund-case' text={s.refundAction} loading={busy} disabled={store.deciding !== null} onTap={() => void store.refund(item.id, typed.current.yuan, fault).then(decided)} />
      </View>
      <View className='county-case__decide'>
        <Input className='county-case__input decline-reason' placeholder={s.declineLabel} value={reason} maxlength={CASE_DECLINE_REASON_MAX_LENGTH} onInput={(e) => setReason((typed.current.reason = e.detail.value))} />
        <ActionButton className='decline-case' kind='secondary' text={s.declineAction} disabled={store.deciding !== null} onTap={() => void store.decline(item.id, typed.current.reason).then(decided)} />
      </View>
      {problem && <Text className='work-error decision-error'>{describeDecisionProblem(problem)}</Text>}
    </View>
  )
})

/** 售后处理: the county's open cases first, each decided once; then those already decided. */
const CountyCases = observer(function CountyCases({ user }: { user: User }) {
  const store = countyCasesFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  if (store.status === 'failed' && store.items.length === 0) return <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />
  if (store.status !== 'loaded' && store.items.length === 0) return <StateView kind='loading' />
  if (store.items.length === 0) return <StateView kind='empty' message={s.empty} hint={s.emptyHint} />
  return (
    <>
      <Text className='county-cases__section'>{s.openTitle(store.open.length)}</Text>
      {store.open.map((item) => (
        <OpenCase key={item.id} item={item} store={store} />
      ))}
      {store.decided.length > 0 && (
        <View className='work-card'>
          <Text className='county-cases__section'>{s.decidedTitle}</Text>
          <CaseList cases={store.decided} withFault />
        </View>
      )}
    </>
  )
})

function CasesPage() {
  return (
    <View className='work-page cases-page'>
      <RoleGate role='county_staff'>{(user) => <CountyCases user={user} />}</RoleGate>
    </View>
  )
}

export default CasesPage
