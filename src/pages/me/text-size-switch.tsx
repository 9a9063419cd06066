import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores'
import { strings } from '../../strings'

/* 大字模式 on 我的, for everyone, signed in or not: the person who needs it may not have an
   account yet. The whole row is the switch, so it is as easy to hit as any entry. */
function TextSizeSwitchRow() {
  const { textSize } = useStores()
  const on = textSize.large
  return (
    <View
      className='text-size-switch'
      hoverClass='text-size-switch--pressed'
      ariaRole='switch'
      aria-checked={on}
      ariaLabel={strings.me.largeText}
      onClick={() => textSize.setLarge(!on)}
    >
      <View className='text-size-switch__text'>
        <Text className='text-size-switch__title'>{strings.me.largeText}</Text>
        <Text className='text-size-switch__hint'>{strings.me.largeTextHint}</Text>
      </View>
      <View className={`text-size-switch__toggle${on ? ' text-size-switch__toggle--on' : ''}`}>
        <Text>{on ? strings.me.switchOn : strings.me.switchOff}</Text>
      </View>
    </View>
  )
}

export const TextSizeSwitch = observer(TextSizeSwitchRow)
