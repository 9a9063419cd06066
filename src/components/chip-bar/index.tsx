import { ScrollView, View } from '@tarojs/components'
import { keyboardTap, scrollRegion } from '../../page-landmarks'
import type { ChipBarProps } from './types'
import './index.scss'

export type { ChipBarProps, ChipOption } from './types'

/** One choice among a few, as a row of chips that scrolls sideways when it must. */
export function ChipBar<V extends string>({ options, selected = null, onChange, label, className = '' }: ChipBarProps<V>) {
  return (
    <ScrollView className={`chip-bar ${className}`.trim()} scrollX enableFlex showScrollbar={false} {...scrollRegion(label)}>
      <View className='chip-bar__track'>
        {options.map((option) => {
          const active = option.value === selected
          const choose = () => {
            if (!active) onChange?.(option.value)
          }
          return (
            <View
              key={option.value ?? ''}
              className={`chip ${active ? 'chip--selected' : ''}`.trim()}
              aria-pressed={active}
              {...keyboardTap('button', choose)}
              onClick={choose}
            >
              {option.label}
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
