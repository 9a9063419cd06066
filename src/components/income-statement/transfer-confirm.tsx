import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { formatYuan } from '../../domain/money'
import type { IncomeStore } from '../../stores/income-store'
import { incomeStrings } from '../../strings/income'
import { ActionButton } from '../action-button'

const c = incomeStrings.confirm

// In the mini-program without the sheet, WeChat itself is too old (base library 3.3.0 brought it).
const noSheetHint = process.env.TARO_ENV === 'weapp' ? c.updateWeChat : c.onlyInWeChat

/** 确认收款: a WeChat transfer waits for the payee to accept it (商家转账, user-confirm mode). Only
 *  the mini-program can open WeChat's sheet; on H5 the page says where to go instead. */
export const TransferConfirm = observer(function TransferConfirm({ store }: { store: IncomeStore }) {
  const payout = store.awaitingConfirmation
  const status = store.confirmStatus
  // 'unsupported' needs no words of its own: without the sheet there is no button, only the hint.
  const message = status === 'confirmed' ? c.confirmed : status === 'cancelled' ? c.cancelled : status === 'failed' ? c.failed : null
  if (!payout && !message) return null
  return (
    <View className='work-card transfer-confirm no-print'>
      {payout && <Text className='transfer-confirm__text'>{c.waiting(formatYuan(payout.amountFen))}</Text>}
      {payout && store.canConfirmHere && (
        <ActionButton className='confirm-transfer' block text={status === 'confirming' ? c.confirming : c.button} disabled={status === 'confirming'} onTap={() => void store.confirm(payout)} />
      )}
      {payout && !store.canConfirmHere && <Text className='transfer-confirm__message transfer-confirm__message--elsewhere'>{noSheetHint}</Text>}
      {message && <Text className={`transfer-confirm__message transfer-confirm__message--${status}`}>{message}</Text>}
    </View>
  )
})
