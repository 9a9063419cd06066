import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Payout, Statement, StatementLine } from '../../api/income-types'
import { formatYuan } from '../../domain/money'
import type { IncomeStore, StatementGroup } from '../../stores/income-store'
import { chinaDateTime } from '../../strings/china-time-text'
import { describeError } from '../../strings/format'
import { incomeStrings, payoutStatusLabel, signedYuan, type StatementHolder, statementKindLabel } from '../../strings/income'
import { MonthSwitcher } from '../month-switcher'
import { StateView } from '../state-view'
import './index.scss'

const t = incomeStrings

/** The four balances, large: what she can be paid now first, and why some waits. */
export function Balances({ statement }: { statement: Statement }) {
  const b = t.balances
  return (
    <View className='work-card income-balances'>
      <View className='income-balance income-balance--payable'>
        <Text className='income-balance__label'>{b.payable}</Text>
        <Text className={`income-balance__amount payable-amount ${statement.payableFen < 0 ? 'income-balance__amount--owing' : ''}`}>{formatYuan(statement.payableFen)}</Text>
        {statement.payableFen < 0 && <Text className='income-balance__why'>{b.owing}</Text>}
      </View>
      <View className='income-balance income-balance--pending'>
        <Text className='income-balance__label'>{b.pending}</Text>
        <Text className='income-balance__amount pending-amount'>{formatYuan(statement.pendingFen)}</Text>
        <Text className='income-balance__why'>{b.pendingWhy}</Text>
      </View>
      <View className='income-balance income-balance--in-flight'>
        <Text className='income-balance__label'>{b.inFlight}</Text>
        <Text className='income-balance__amount in-flight-amount'>{formatYuan(statement.inFlightFen)}</Text>
      </View>
      <View className='income-balance income-balance--paid'>
        <Text className='income-balance__label'>{b.paidOut}</Text>
        <Text className='income-balance__amount paid-out-amount'>{formatYuan(statement.paidOutFen)}</Text>
        <Text className='income-balance__why'>{b.paidOutWhy}</Text>
      </View>
    </View>
  )
}

function LineRow({ line }: { line: StatementLine }) {
  const what = line.orderNumber ? t.order(line.orderNumber) : line.kind === 'payout_returned' ? t.returnedLine : line.kind === 'payout' ? t.payoutLine : ''
  return (
    <View className={`statement-line statement-line--${line.amountFen < 0 ? 'minus' : 'plus'}`} data-order-id={line.orderId ?? undefined}>
      <View className='statement-line__text'>
        <Text className='statement-line__title'>{what}</Text>
        <Text className='statement-line__detail'>{chinaDateTime(line.at)}</Text>
      </View>
      <Text className='statement-line__amount'>{signedYuan(line.amountFen)}</Text>
    </View>
  )
}

/** The month's lines, a block per kind (货款, 售后扣款, 退款, 转账, 退回) with its total. */
export function StatementGroups({ groups, holder }: { groups: StatementGroup[]; holder: StatementHolder }) {
  return (
    <>
      {groups.map((group) => {
        const label = statementKindLabel(holder, group.kind)
        return (
          <View key={group.kind} className={`work-card statement-group statement-group--${group.kind}`}>
            <View className='statement-group__head'>
              <Text className='statement-group__kind'>{label}</Text>
              <Text className='statement-group__total'>{t.kindTotal(label, signedYuan(group.totalFen))}</Text>
            </View>
            {group.lines.map((line, index) => (
              <LineRow key={`${line.at}-${index}`} line={line} />
            ))}
          </View>
        )
      })}
    </>
  )
}

function PayoutRow({ payout }: { payout: Payout }) {
  const p = t.payouts
  return (
    <View className={`payout-row payout-row--${payout.status}`}>
      <View className='payout-row__text'>
        <Text className='payout-row__title'>{`${payoutStatusLabel(payout.status)} · ${payout.method === 'wechat' ? p.wechat : p.offline}`}</Text>
        {payout.offlineReference && <Text className='payout-row__detail'>{p.reference(payout.offlineReference)}</Text>}
        <Text className='payout-row__detail'>{chinaDateTime(payout.endedAt ?? payout.createdAt)}</Text>
      </View>
      <Text className='payout-row__amount'>{formatYuan(payout.amountFen)}</Text>
    </View>
  )
}

/** Every payout: by WeChat or handed over at the service center (with its reference). */
export function PayoutList({ payouts }: { payouts: Payout[] }) {
  return (
    <View className='work-card payout-list'>
      <Text className='payout-list__title'>{t.payouts.title}</Text>
      {payouts.length === 0 && <Text className='payout-list__empty'>{t.payouts.empty}</Text>}
      {payouts.map((payout) => (
        <PayoutRow key={payout.id} payout={payout} />
      ))}
    </View>
  )
}

/** A statement as the payee (or her cun xiao'er) reads it: the month switcher, the balances, the
 *  month's lines by kind, and the payouts when the store has them. */
export const IncomeStatement = observer(function IncomeStatement({ store, holder }: { store: IncomeStore; holder: StatementHolder }) {
  const months = store.statement
  const statement = months.value
  return (
    <View className='income-statement'>
      <MonthSwitcher store={months} />
      {months.status === 'failed' && <StateView kind='error' message={describeError(months.error)} onRetry={() => void store.load()} />}
      {!statement && months.status === 'loading' && <StateView kind='loading' />}
      {statement && <Balances statement={statement} />}
      {statement && statement.lines.length === 0 && <StateView kind='empty' message={t.empty} hint={t.emptyHint} compact />}
      {statement && <StatementGroups groups={store.groups} holder={holder} />}
      {store.payoutsStatus === 'failed' && <StateView kind='error' message={describeError(store.payoutsError)} onRetry={() => void store.load()} compact />}
      {store.payoutsStatus === 'loaded' && <PayoutList payouts={store.payouts} />}
    </View>
  )
})
