import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AGREE_BUTTON_ID, openPrivacyContract, privacy } from '../../stores/privacy-gate'
import { privacyStrings as s } from '../../strings/privacy'
import { ActionButton } from '../action-button'
import './index.scss'

/* The privacy sheet (用户隐私保护指引) of the mini-program, drawn by every page frame beside its
   大字模式 (RoleGate, BuyerGate, the main package's pages): it shows on whatever page a privacy
   call was made from. 同意 is WeChat's own agreePrivacyAuthorization button, the only tap WeChat
   accepts as consent. H5 has no such check and draws nothing. `showNote`: after 不同意, this page
   says what still works and offers the sheet again (the catalog's pages). */
function PrivacySheetView({ showNote = false }: { showNote?: boolean }) {
  if (process.env.TARO_ENV !== 'weapp') return null
  const asking = privacy.asking
  if (!asking) {
    if (!showNote || !privacy.declined) return null
    return (
      <View className='privacy-note' ariaRole='note'>
        <Text className='privacy-note__text'>{s.declinedNote}</Text>
        <ActionButton className='privacy-reconsider' kind='secondary' text={s.reconsider} onTap={privacy.open} />
      </View>
    )
  }
  return (
    <View className='privacy-sheet' ariaRole='dialog' ariaLabel={s.title}>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title'>{s.title}</Text>
        {s.purpose[asking] !== '' && <Text className='privacy-sheet__purpose'>{s.purpose[asking]}</Text>}
        <Text className='privacy-sheet__lead'>{s.lead}</Text>
        {s.items.map((item) => (
          <View key={item.what} className='privacy-item'>
            <Text className='privacy-item__what'>{item.what}</Text>
            <Text className='privacy-item__why'>{item.why}</Text>
          </View>
        ))}
        <Text className='privacy-sheet__keep'>{s.keep}</Text>
        <Text className='privacy-guide-link' onClick={openPrivacyContract}>
          {privacy.contractName ? `${s.readGuide}${privacy.contractName}` : s.readGuide}
        </Text>
        <View className='privacy-sheet__actions'>
          <ActionButton className='privacy-decline' kind='plain' text={s.decline} onTap={privacy.decline} />
          <Button id={AGREE_BUTTON_ID} className='privacy-agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={privacy.agreed}>
            {s.agree}
          </Button>
        </View>
      </View>
    </View>
  )
}

export const PrivacySheet = observer(PrivacySheetView)
