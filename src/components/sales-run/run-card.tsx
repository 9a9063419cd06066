import { Text, View } from '@tarojs/components'
import type { SaleLine, SalesRun } from '../../api'
import { formatYuan } from '../../domain/money'
import { CaseList } from '../after-sale/case-list'
import { kilograms, unitLabel } from '../../strings/format'
import { handInText, runDay, workStrings } from '../../strings/work'

const s = workStrings.sales

function SaleLineRow({ line }: { line: SaleLine }) {
  return (
    <View className={`sale-line sale-line--${line.status}`}>
      <View className='sale-line__head'>
        <Text className='sale-line__title'>{`${line.title}  ${workStrings.run.quantity(line.quantity, unitLabel(line.unit))}`}</Text>
        <Text className={`sale-status sale-status--${line.status}`}>{s.status[line.status]}</Text>
      </View>
      <Text className='sale-line__meta'>{`${workStrings.run.weight(kilograms(line.weightGrams))} · ${s.amount(formatYuan(line.lineTotalFen))}`}</Text>
      {line.reason && <Text className='sale-line__reason'>{s.reasons[line.reason]}</Text>}
      <CaseList cases={line.cases} />
      {line.number && <Text className='sale-line__order'>{s.order(line.number)}</Text>}
    </View>
  )
}

/** One collection run: what to hand in, where and by when, then each line's way to the buyer. */
export function SalesRunCard({ run }: { run: SalesRun }) {
  return (
    <View className='work-card sales-run' data-run={run.date}>
      <View className='sales-run__head'>
        <Text className='sales-run__title'>{s.runTitle(runDay(run.date))}</Text>
        <Text className={`sales-run__state ${run.toHandIn === 0 ? 'sales-run__state--done' : ''}`.trim()}>
          {run.toHandIn > 0 ? s.toHandIn(run.toHandIn) : s.allHandedIn}
        </Text>
      </View>
      {run.toHandIn > 0 && <Text className='sales-run__hand-in hand-in'>{handInText(run.handIn)}</Text>}
      <Text className='sales-run__address'>{run.handIn.address}</Text>
      {run.lines.map((line, index) => (
        <SaleLineRow key={`${line.orderId}-${index}`} line={line} />
      ))}
      <Text className='sales-run__total'>{s.runTotal(run.totals.lineCount, kilograms(run.totals.weightGrams), formatYuan(run.totals.amountFen))}</Text>
    </View>
  )
}
