import { Input, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { strings } from '../../strings'
import type { SearchBarProps } from './types'
import './index.scss'

export type { SearchBarProps } from './types'

/** A keyword box that searches on the keyboard's 搜索 key or the button, not on every keystroke:
 *  on 3G each keystroke's request would arrive after the next one is typed. */
export function SearchBar({
  value = '',
  placeholder = strings.catalog.searchPlaceholder,
  buttonText = strings.catalog.searchButton,
  onSearch,
  maxLength = 50,
  className = '',
}: SearchBarProps) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])

  const submit = (keyword: string) => onSearch?.(keyword.trim())

  return (
    <View className={`search-bar ${className}`.trim()}>
      <Input
        className='search-bar__input search-input'
        type='text'
        confirmType='search'
        value={text}
        placeholder={placeholder}
        placeholderClass='search-bar__placeholder'
        maxlength={maxLength}
        onInput={(event) => setText(event.detail.value)}
        onConfirm={(event) => submit(event.detail.value)}
      />
      <View className='search-bar__button' hoverClass='search-bar__button--pressed' onClick={() => submit(text)}>
        {buttonText}
      </View>
    </View>
  )
}
