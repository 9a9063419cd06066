import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './session-store'

/* The phone's storage, where the session keeps its token and farmers their drafts. Storage can
   throw when full or unavailable (private mode on H5): then what was kept is simply not there
   next time, nothing worse. */
export const taroStorage: KeyValueStorage = {
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
