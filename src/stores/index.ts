import Taro from '@tarojs/taro'
import { createContext, useContext } from 'react'
import { RootStore } from './root-store'
import { phoneFontScale } from './phone-font-scale'
import { taroStorage } from './taro-storage'

export { RootStore }
export type { LoadStatus } from './load-status'
export { NO_FILTERS, type CatalogFilters } from './catalog-store'

async function wechatCode(): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login gave no code')
  return code
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
