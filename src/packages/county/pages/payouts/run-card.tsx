import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { PayoutRun } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { formatYuan } from '../../../../domain/money'
import type { PayoutRunsStore } from '../../../../stores/payout-runs-store'
import { chinaDateTime } from '../../../../strings/china-time-text'
import { countyMoneyStrings, describeRunProblem } from '../../../../strings/county-money'
import { PayoutRow } from './payout-row'

const s = countyMoneyStrings.payouts

/** 批准 / 驳回 for a run waiting; its own clerk sees, instead of 批准, who must approve it. */
const Decision = observer(function Decision({ run, store }: { run: PayoutRun; store: PayoutRunsStore }) {
  const decide = async (approve: boolean) => {
    const ok = approve ? await store.approve(run.id) : await store.reject(run.id)
    if (ok) void Taro.showToast({ title: approve ? s.approved : s.rejected, icon: 'none' })
  }
  const busy = store.busy !== null
  return (
    <View className='work-card__actions run-card__actions'>
      {store.canApprove(run) ? (
        <ActionButton className='approve-run' text={s.approve} loading={store.busy === run.id} disabled={busy} onTap={() => void decide(true)} />
      ) : (
        <Text className='run-card__hint second-clerk'>{s.secondClerk}</Text>
      )}
      <ActionButton className='reject-run' kind='secondary' text={s.reject} disabled={busy} onTap={() => void decide(false)} />
    </View>
  )
})

/** A run: its state, total and payees, who drew it up and who decided it, and each payout. */
export const RunCard = observer(function RunCard({ run, store }: { run: PayoutRun; store: PayoutRunsStore }) {
  const problem = store.runProblemOf(run.id)
  return (
    <View className={`work-card run-card run-card--${run.status}`} data-run-id={run.id}>
      <View className='run-card__head'>
        <Text className='run-card__status'>{s.runStatus[run.status]}</Text>
        <Text className='run-card__summary'>{s.summary(formatYuan(run.totalFen), run.payeeCount)}</Text>
      </View>
      <Text className='run-card__who'>{s.createdBy(run.createdByName, chinaDateTime(run.createdAt))}</Text>
      {run.decidedByName && run.decidedAt && <Text className='run-card__who'>{s.decidedBy(run.status, run.decidedByName, chinaDateTime(run.decidedAt))}</Text>}
      {run.status !== 'rejected' && (
        <View className='run-card__payouts'>
          {run.payouts.map((payout) => (
            <PayoutRow key={payout.id} payout={payout} store={store} />
          ))}
        </View>
      )}
      {run.status === 'awaiting_approval' && <Decision run={run} store={store} />}
      {problem && <Text className='work-error run-problem'>{describeRunProblem(problem)}</Text>}
    </View>
  )
})
