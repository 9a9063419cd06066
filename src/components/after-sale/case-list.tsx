import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AfterSaleCase } from '../../api/case-types'
import { afterSaleStrings as s, caseKindLabel, caseOutcome } from '../../strings/after-sale'
import './index.scss'

/** Cases as the buyer (and, later, the farmer) reads them: what, the note, the photos, the decision. */
export function CaseList({ cases, withFault = false }: { cases: AfterSaleCase[]; /** The county's list: whose fault a refund was. */ withFault?: boolean }) {
  if (cases.length === 0) return null
  return (
    <View className='case-list'>
      {cases.map((item) => (
        <View key={item.id} className={`case-item case-item--${item.status}`} data-case-id={item.id}>
          <View className='case-item__head'>
            <Text className='case-item__kind'>{`${item.title} · ${caseKindLabel(item.kind)}`}</Text>
            <Text className={`case-item__status case-item__status--${item.status}`}>{s.status[item.status]}</Text>
          </View>
          {item.note !== '' && <Text className='case-item__note'>{item.note}</Text>}
          {item.reportedBy === 'county_staff' && <Text className='case-item__by'>{s.byDesk}</Text>}
          {item.photos.length > 0 && (
            <View className='case-item__photos'>
              {item.photos.map((p) => (
                <Image key={p.id} className='case-item__photo' src={p.thumbUrl} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: item.photos.map((x) => x.url), current: p.url })} />
              ))}
            </View>
          )}
          {item.status !== 'reported' && <Text className='case-item__outcome'>{caseOutcome(item)}</Text>}
          {withFault && item.status === 'refunded' && <Text className={`case-item__fault case-item__fault--${item.fault}`}>{`${s.fault[item.fault]}：${s.faultHint[item.fault]}`}</Text>}
        </View>
      ))}
    </View>
  )
}
