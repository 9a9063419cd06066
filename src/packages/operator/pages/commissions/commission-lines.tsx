import { Text, View } from '@tarojs/components'
import type { CommissionEntry, CommissionStatement } from '../../../../api'
import { formatYuan } from '../../../../domain/money'
import { chinaDateTime, workStrings } from '../../../../strings/work'

const c = workStrings.commissions

/** 0.05 → '5%', 0.025 → '2.5%'. */
const percent = (rate: number) => `${Math.round(rate * 10000) / 100}%`

/** A credit reads '+¥1.50'; a reversal '-¥1.50', in red, with why. */
function CommissionLine({ entry }: { entry: CommissionEntry }) {
  const reversal = entry.kind === 'reversal'
  return (
    <View className={`commission-line ${reversal ? 'commission-line--reversal' : 'commission-line--credit'}`} data-order-id={entry.orderId}>
      <View className='commission-line__text'>
        <Text className='commission-line__title'>{entry.title}</Text>
        <Text className='commission-line__detail'>{`${c.lineTotal(formatYuan(entry.lineTotalFen))} · ${c.rate(percent(entry.rate))}`}</Text>
        {reversal && <Text className='commission-line__reversal'>{c.reversal}</Text>}
        <Text className='commission-line__detail'>{c.at(chinaDateTime(entry.creditedAt))}</Text>
      </View>
      <Text className='commission-line__amount'>{entry.commissionFen > 0 ? `+${formatYuan(entry.commissionFen)}` : formatYuan(entry.commissionFen)}</Text>
    </View>
  )
}

/** The month's entries as the server booked them, and its total (not added up here). */
export function CommissionLines({ statement }: { statement: CommissionStatement }) {
  return (
    <View className='work-card commission-lines'>
      {statement.items.map((entry) => (
        <CommissionLine key={`${entry.kind}-${entry.orderId}-${entry.listingId}`} entry={entry} />
      ))}
      <View className='commission-total'>
        <Text className='commission-total__label'>{c.total}</Text>
        <Text className='commission-total__amount'>{formatYuan(statement.totalFen)}</Text>
      </View>
    </View>
  )
}
