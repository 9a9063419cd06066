import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { keyboardTap } from '../../page-landmarks'
import { strings } from '../../strings'
import type { TabBarProps, TabName } from './types'
import './index.scss'

export type { TabBarProps, TabName } from './types'

const TABS: { name: TabName; url: string }[] = [
  { name: 'home', url: '/pages/home/index' },
  { name: 'catalog', url: '/pages/catalog/index' },
  { name: 'cart', url: '/pages/cart/index' },
  { name: 'me', url: '/pages/me/index' },
]

/* The H5 tab bar. The mini-program shows WeChat's native one (app.config.ts); on H5 Taro's
   stand-in has 10 px labels and empty icon boxes, too small for our older buyers, so H5 sets
   `tabBar.custom` and each tab page draws this instead. It renders nothing on weapp. */
export function TabBar({ current, className = '' }: TabBarProps) {
  if (process.env.TARO_ENV !== 'h5') return null
  const open = (tab: { name: TabName; url: string }) => {
    if (tab.name !== current) void Taro.switchTab({ url: tab.url })
  }
  return (
    <View className={`tab-bar ${className}`.trim()}>
      {/* Holds the bar's height in the page's flow, so nothing hides under the fixed bar. */}
      <View className='tab-bar__spacer' />
      <View className='tab-bar__bar' role='navigation' aria-label={strings.tabBar}>
        {TABS.map((tab) => (
          <View
            key={tab.name}
            className={`tab-bar__item tab-${tab.name} ${tab.name === current ? 'tab-bar__item--active' : ''}`.trim()}
            aria-current={tab.name === current ? 'page' : undefined}
            {...keyboardTap('link', () => open(tab))}
            onClick={() => open(tab)}
          >
            {strings.tabs[tab.name]}
          </View>
        ))}
      </View>
    </View>
  )
}
