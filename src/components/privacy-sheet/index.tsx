import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { keyboardTap, scrollRegion } from '../../page-landmarks'
import { useStores } from '../../stores'
import { openPrivacyContract, privacy } from '../../stores/privacy-gate'
import { privacyStrings as s } from '../../strings/privacy'
import { ActionButton } from '../action-button'
import { AgreeButton } from './agree-button'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/* The privacy sheet (用户隐私保护指引), drawn by every page frame beside its 大字模式 (through
   components/page-chrome): it shows on whatever page a privacy call was made from. In the
   mini-program 同意 is WeChat's own agreePrivacyAuthorization button, the only tap WeChat accepts
   as consent, and 查看完整 opens the guide as filed in the admin console; on H5 the sheet is the
   guide. */
function PrivacySheetView() {
  const { textSize } = useStores()
  const toggleTextSize = () => textSize.setLarge(!textSize.large)
  const asking = privacy.asking
  if (!asking) return null
  return (
    <View className='privacy-sheet' ariaRole='dialog' ariaLabel={s.title}>
      {/* In 大字模式 the panel scrolls: a keyboard stop, so it can be read without a finger. */}
      <View className='privacy-sheet__panel' {...scrollRegion(s.title)}>
        <View className='privacy-sheet__head'>
          <Text className='privacy-sheet__title'>{s.title}</Text>
          {/* Whoever cannot read the sheet should not have to find 我的 first. */}
          <View className='privacy-text-size' aria-pressed={textSize.large} onClick={toggleTextSize} {...keyboardTap('button', toggleTextSize)}>
            {textSize.large ? s.standardText : s.largeText}
          </View>
        </View>
        {s.purpose[asking] !== '' && <Text className='privacy-sheet__purpose'>{s.purpose[asking]}</Text>}
        <Text className='privacy-sheet__lead'>{s.lead}</Text>
        {s.items.map((item) => (
          <View key={item.what} className='privacy-item'>
            <Text className='privacy-item__what'>{item.what}</Text>
            <Text className='privacy-item__why'>{item.why}</Text>
          </View>
        ))}
        <Text className='privacy-sheet__keep'>{s.keep}</Text>
        {isWeapp && (
          <Text className='privacy-guide-link' onClick={openPrivacyContract}>
            {privacy.contractName ? `${s.readGuide}${privacy.contractName}` : s.readGuide}
          </Text>
        )}
        <View className='privacy-sheet__actions'>
          <ActionButton className='privacy-decline' kind='plain' text={s.decline} onTap={privacy.decline} />
          <AgreeButton />
        </View>
      </View>
    </View>
  )
}

export const PrivacySheet = observer(PrivacySheetView)
