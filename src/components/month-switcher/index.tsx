import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MonthStore } from '../../stores/month-store'
import { workStrings } from '../../strings/work'
import { ActionButton } from '../action-button'
import './index.scss'

const m = workStrings.months

export const monthLabel = (month: string) => {
  const [year, monthOfYear] = month.split('-').map(Number)
  return m.label(year, monthOfYear)
}

/** ‹ 上个月 · 2026年11月 · 下个月 ›: a month statement's months, none ahead of this one. */
export const MonthSwitcher = observer(function MonthSwitcher({ store }: { store: MonthStore<unknown> }) {
  return (
    <View className='month-switcher'>
      <ActionButton className='month-previous' kind='plain' text={m.previous} onTap={() => void store.previousMonth()} />
      <Text className='month-switcher__month'>{monthLabel(store.month)}</Text>
      <ActionButton className='month-next' kind='plain' text={m.next} disabled={!store.canGoForward} onTap={() => void store.nextMonth()} />
    </View>
  )
})
