import type { ChinaDate } from '../../domain/china-time'

export interface RunDateSwitcherProps {
  /** The collection run shown. */
  date: ChinaDate
  /** Today in China time, from which 明天 and 后天 count. */
  today: ChinaDate
  onChange: (date: ChinaDate) => void
  className?: string
}
