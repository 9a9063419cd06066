import Taro from '@tarojs/taro'
import { createContext, useContext } from 'react'
import { RootStore } from './root-store'
import { taroStorage } from './taro-storage'

export { RootStore }
export type { LoadStatus } from './load-status'
export { NO_FILTERS, type CatalogFilters } from './catalog-store'

async function wechatCode(): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login gave no code')
  return code
}

/* WeChat's font setting: fontSizeScaleFactor (1 standard; larger in 关怀模式 or with a larger
   font in WeChat's settings), else fontSizeSetting against iOS's standard 17 px. Both are
   wx.getAppBaseInfo's (base library 2.20.1); Taro 4's types do not list them yet. H5 has no such
   setting (a browser zooms the whole page instead): null. */
const STANDARD_FONT_SIZE_SETTING = 17

function phoneFontScale(): number | null {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getAppBaseInfo !== 'function') return null
  const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: unknown; fontSizeSetting?: unknown }
  if (typeof info.fontSizeScaleFactor === 'number') return info.fontSizeScaleFactor
  if (typeof info.fontSizeSetting === 'number') return info.fontSizeSetting / STANDARD_FONT_SIZE_SETTING
  return null
}

export function createRootStore(): RootStore {
  return new RootStore({ storage: taroStorage, wechatCode, phoneFontScale })
}

export const StoresContext = createContext<RootStore | null>(null)

/** The stores, from the provider in app.ts (or a test's). */
export function useStores(): RootStore {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores() outside <StoresContext.Provider>')
  return stores
}
