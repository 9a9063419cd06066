import { Text, View } from '@tarojs/components'
import type { ParcelLine } from '../../api'
import { unitLabel } from '../../strings/format'
import { workStrings } from '../../strings/work'
import './index.scss'

export interface ParcelLinesProps {
  lines: ParcelLine[]
  /** Also on each line: 'handover-line' at the pickup desk. */
  lineClassName?: string
  /** Larger type, for reading across a counter. */
  large?: boolean
  className?: string
}

/** What is in a parcel (or an order), line by line: the goods and how many of their unit. */
export function ParcelLines({ lines, lineClassName = '', large = false, className = '' }: ParcelLinesProps) {
  return (
    <View className={`parcel-lines ${large ? 'parcel-lines--large' : ''} ${className}`.trim()}>
      {lines.map((line) => (
        <View key={line.listingId} className={`parcel-lines__line ${lineClassName}`.trim()} data-listing-id={line.listingId}>
          <Text className='parcel-lines__title'>{line.title}</Text>
          <Text className='parcel-lines__quantity'>{workStrings.run.quantity(line.quantity, unitLabel(line.unit))}</Text>
        </View>
      ))}
    </View>
  )
}
