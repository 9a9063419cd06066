import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { StuckShippingUpload, User } from '../../../../api'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { loadShippingUploads, shippingUploadsFor } from '../../../../stores/county-money-stores'
import { chinaDateTime } from '../../../../strings/china-time-text'
import { countyMoneyStrings, weChatErrorParts } from '../../../../strings/county-money'
import { describeError } from '../../../../strings/format'
import '../../../work-page.scss'
import './index.scss'

const s = countyMoneyStrings.shipping

function StuckUpload({ upload }: { upload: StuckShippingUpload }) {
  const error = weChatErrorParts(upload.lastError)
  return (
    <View className='work-card stuck-upload' data-order-id={upload.orderId}>
      <Text className='stuck-upload__number'>{upload.orderNumber ? s.order(upload.orderNumber) : s.noNumber}</Text>
      {error.code !== null && <Text className='stuck-upload__code'>{s.error(error.code)}</Text>}
      {error.message !== '' && <Text className='stuck-upload__message'>{error.message}</Text>}
      <Text className='stuck-upload__meta'>{s.attempts(upload.attempts)}</Text>
      {upload.lastAttemptAt && <Text className='stuck-upload__meta'>{s.lastAttempt(chinaDateTime(upload.lastAttemptAt))}</Text>}
      <Text className='stuck-upload__meta'>{s.since(chinaDateTime(upload.since))}</Text>
    </View>
  )
}

/** 发货信息异常: orders whose shipping information WeChat keeps refusing, to finish by hand. */
const ShippingUploads = observer(function ShippingUploads({ user }: { user: User }) {
  const store = shippingUploadsFor(user.id)
  const load = () => loadShippingUploads(store)
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  const items = store.value
  if (store.status === 'failed' && items === null) return <StateView kind='error' message={describeError(store.error)} onRetry={() => void load()} />
  if (items === null) return <StateView kind='loading' />
  if (items.length === 0) return <StateView kind='empty' className='all-uploaded' message={s.empty} hint={s.emptyHint} />
  return (
    <>
      <Text className='shipping-hint'>{s.hint}</Text>
      {items.map((upload) => (
        <StuckUpload key={upload.orderId} upload={upload} />
      ))}
    </>
  )
})

function ShippingPage() {
  return (
    <View className='work-page shipping-page'>
      <RoleGate role='county_staff'>{(user) => <ShippingUploads user={user} />}</RoleGate>
    </View>
  )
}

export default ShippingPage
