import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import type { Payout } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { formatYuan } from '../../../../domain/money'
import { OFFLINE_REFERENCE_MAX_LENGTH } from '../../../../domain/payouts'
import type { PayoutRunsStore } from '../../../../stores/payout-runs-store'
import { countyMoneyStrings, describeOfflineProblem } from '../../../../strings/county-money'

const s = countyMoneyStrings.payouts

/** 记录线下付款: the reference of the cash handed over or the bank transfer made. */
const OfflineForm = observer(function OfflineForm({ payout, store }: { payout: Payout; store: PayoutRunsStore }) {
  const [reference, setReference] = useState('')
  // What was typed last, even when the button is tapped before the page has drawn it.
  const typed = useRef('')
  const record = async () => {
    if (await store.recordOffline(payout.id, typed.current)) void Taro.showToast({ title: s.recorded, icon: 'none' })
  }
  return (
    <View className='payout-row__offline'>
      <View className='payout-row__form'>
        <Input
          className='payout-row__input offline-reference'
          placeholder={s.referencePlaceholder}
          value={reference}
          // One past the limit: a pasted serial that is too long is said so, never cut short silently.
          maxlength={OFFLINE_REFERENCE_MAX_LENGTH + 1}
          onInput={(e) => setReference((typed.current = e.detail.value))}
        />
        <ActionButton className='record-offline' text={s.record} loading={store.busy === payout.id} disabled={store.busy !== null} onTap={() => void record()} />
      </View>
    </View>
  )
})

/** One payee of a run: who, what for, how much, and where the money stands. */
export const PayoutRow = observer(function PayoutRow({ payout, store }: { payout: Payout; store: PayoutRunsStore }) {
  const problem = store.payoutProblemOf(payout.id)
  const confirm = async () => {
    if (await store.approveOffline(payout.id)) void Taro.showToast({ title: s.confirmed, icon: 'none' })
  }
  return (
    <View className={`payout-row payout-row--${payout.status}`} data-payout-id={payout.id}>
      <View className='payout-row__head'>
        <Text className='payout-row__payee'>{`${payout.payeeName} · ${s.payeeKind[payout.payeeKind]}`}</Text>
        <Text className='payout-row__amount'>{formatYuan(payout.amountFen)}</Text>
      </View>
      <Text className='payout-row__status'>{`${s.method[payout.method]} · ${s.status[payout.status]}`}</Text>
      {payout.failReason && payout.status === 'returned' && <Text className='payout-row__fail'>{s.failReason(payout.failReason)}</Text>}
      {payout.offlineReference && <Text className='payout-row__reference'>{s.reference(payout.offlineReference)}</Text>}
      {payout.status === 'to_hand_over' && <OfflineForm payout={payout} store={store} />}
      {payout.status === 'awaiting_offline_approval' &&
        (store.canConfirm(payout) ? (
          <ActionButton className='confirm-offline' text={s.confirm} loading={store.busy === payout.id} disabled={store.busy !== null} onTap={() => void confirm()} />
        ) : (
          <Text className='payout-row__hint second-clerk-confirm'>{s.secondClerkConfirm}</Text>
        ))}
      {problem && <Text className='work-error payout-problem'>{describeOfflineProblem(problem)}</Text>}
    </View>
  )
})
