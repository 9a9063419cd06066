import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ListingHistory } from '../../../../components/listing-history'
import { RoleGate } from '../../../../components/role-gate'
import '../../../work-page.scss'

/** ?id= a listing's history; the server shows it to its farmer and its village's operator only. */
function HistoryPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  return (
    <View className='work-page history-page'>
      <RoleGate role='farmer'>{() => <ListingHistory listingId={id} />}</RoleGate>
    </View>
  )
}

export default HistoryPage
