import Taro from '@tarojs/taro'
import { createContext, useContext } from 'react'
import type { KeyValueStorage } from './session-store'
import { RootStore } from './root-store'

export { RootStore }
export type { LoadStatus } from './load-status'
export { NO_FILTERS, type CatalogFilters } from './catalog-store'

/* The phone's storage, as the session keeps its token in it. Storage can throw when full or
   unavailable (private mode on H5): then the buyer signs in again next time, nothing worse. */
const taroStorage: KeyValueStorage = {
  get(key) {
    try {
      const value = Taro.getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : null
    } catch {
      return null
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch {
      // see above
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // see above
    }
  },
}

async function wechatCode(): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login gave no code')
  return code
}

export function createRootStore(): RootStore {
  return new RootStore({ storage: taroStorage, wechatCode })
}

export const StoresContext = createContext<RootStore | null>(null)

/** The stores, from the provider in app.ts (or a test's). */
export function useStores(): RootStore {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores() outside <StoresContext.Provider>')
  return stores
}
