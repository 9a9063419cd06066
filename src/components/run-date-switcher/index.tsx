import { Text, View } from '@tarojs/components'
import { addChinaDays } from '../../domain/china-time'
import { runDay, workStrings } from '../../strings/work'
import { DatePick } from './date-pick'
import type { RunDateSwitcherProps } from './types'
import './index.scss'

export type { RunDateSwitcherProps } from './types'

const r = workStrings.run

/**
 * Which day's collection run to show. A parcel paid today travels on tomorrow's run, or the day
 * after when paid past the county's 16:00 cut-off: so 明天 and 后天 are one tap away, and any
 * other day is in the date picker.
 */
export function RunDateSwitcher({ date, today, onChange, className = '' }: RunDateSwitcherProps) {
  const days = [
    { name: 'today', label: r.today, date: today },
    { name: 'tomorrow', label: r.tomorrow, date: addChinaDays(today, 1) },
    { name: 'day-after', label: r.dayAfter, date: addChinaDays(today, 2) },
  ]
  const isQuickDay = days.some((day) => day.date === date)
  return (
    <View className={`run-date ${className}`.trim()}>
      <Text className='run-date__shown'>{runDay(date)}</Text>
      <View className='run-date__choices'>
        {days.map((day) => (
          <View
            key={day.name}
            className={`run-date__choice date-${day.name} ${day.date === date ? 'run-date__choice--selected' : ''}`.trim()}
            onClick={() => {
              if (day.date !== date) onChange(day.date)
            }}
          >
            {day.label}
          </View>
        ))}
        <DatePick date={date} selected={!isQuickDay} onChange={onChange} />
      </View>
    </View>
  )
}
