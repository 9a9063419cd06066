import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { goBackOr } from '../../routes'
import { strings } from '../../strings'
import type { PageHeaderProps } from './types'
import './index.scss'

export type { PageHeaderProps } from './types'

const HOME = '/pages/home/index'

/* The H5 sub-page's bar: 返回 and the page's title. The mini-program has WeChat's own bar with
   its back arrow; a browser has only its own back button, which older buyers do not find, and
   none at all on a page opened from a shared link. Taro's H5 bar stays hidden (it shows only
   with navigationStyle 'default', which no config sets): this is the one bar. Nothing on weapp. */
export function PageHeader({ title, parent = HOME, className = '' }: PageHeaderProps) {
  // Read once, at the page's first render, while Taro's current page is this one.
  const [configTitle] = useState(() => Taro.getCurrentInstance().page?.config?.navigationBarTitleText ?? '')
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <View className={`page-header ${className}`.trim()}>
      <View className='page-header__bar'>
        <View className='page-header__back' role='button' onClick={() => goBackOr(parent)}>
          <Text className='page-header__arrow'>‹</Text>
          <Text>{strings.pageHeader.back}</Text>
        </View>
        <Text className='page-header__title'>{title || configTitle}</Text>
      </View>
    </View>
  )
}
