import { Input, type InputProps, Picker, View } from '@tarojs/components'
import type { ChinaDate } from '../../domain/china-time'
import { workStrings } from '../../strings/work'

export interface DatePickProps {
  date: ChinaDate
  /** The shown day is none of the quick ones. */
  selected: boolean
  onChange: (date: ChinaDate) => void
}

// A browser's own date field: Taro's H5 Picker would land in the components chunk every buyer
// loads with the home page (~4 KB gzipped), for a page only staff open.
const BROWSER_DATE = 'date' as InputProps['type']

/** Any other day: WeChat's native date picker, or the browser's date field on H5. */
export function DatePick({ date, selected, onChange }: DatePickProps) {
  const className = `run-date__choice date-pick ${selected ? 'run-date__choice--selected' : ''}`.trim()
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker className='date-picker' mode='date' value={date} onChange={(event) => onChange(String(event.detail.value))}>
        <View className={className}>{workStrings.run.pick}</View>
      </Picker>
    )
  }
  return (
    <Input
      className={`${className} run-date__field`}
      type={BROWSER_DATE}
      value={date}
      ariaLabel={workStrings.run.pick}
      nativeProps={{ 'aria-label': workStrings.run.pick }}
      onInput={(event) => {
        // Cleared with the field's own ✕: keep the day shown.
        if (/^\d{4}-\d{2}-\d{2}$/.test(event.detail.value) && event.detail.value !== date) onChange(event.detail.value)
      }}
    />
  )
}
