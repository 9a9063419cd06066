import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { privacy } from '../../stores/privacy-gate'
import { privacyStrings as s } from '../../strings/privacy'
import { ActionButton } from '../action-button'
import './privacy-note.scss'

/** After 不同意, at the top of the pages where a buyer lands (home, 分类): what still works, what
 *  needs the agreement, and the way to give it. */
export const PrivacyNote = observer(function PrivacyNote() {
  if (!privacy.declined || privacy.asking) return null
  return (
    <View className='privacy-note' ariaRole='note'>
      <Text className='privacy-note__text'>{s.declinedNote}</Text>
      <ActionButton className='privacy-reconsider' kind='secondary' text={s.reconsider} onTap={privacy.open} />
    </View>
  )
})
