import { createElement, type PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { markPageLandmarks } from './page-landmarks'
import { followMovedPages } from './moved-pages'
import { startPrivacy } from './stores/privacy-gate'
import { createRootStore, StoresContext } from './stores'
import { largeTextProperties } from './theme/text-size'
import './app.scss'

// One set of stores for the app's life: pages come and go, the session and caches stay.
const stores = createRootStore()

/* 大字模式 on H5: the token properties go on <html>, which every page inherits from, so no page
   needs to know (the mini-program writes them with page-meta instead: src/theme/text-size.ts).
   The class is for tests and for anything a property cannot say. */
if (process.env.TARO_ENV === 'h5') {
  autorun(() => {
    const root = document.documentElement
    const large = stores.textSize.large
    root.classList.toggle('large-text', large)
    for (const [name, value] of Object.entries(largeTextProperties)) {
      if (large) root.style.setProperty(name, value)
      else root.style.removeProperty(name)
    }
  })
}

// A share card or code made before a page moved still opens it (weapp; nothing on H5).
followMovedPages()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    stores.session.restore()
    if (process.env.TARO_ENV === 'h5') markPageLandmarks()
    // The privacy guide, before anything could collect: no-op on H5.
    startPrivacy()
  })
  // Back from WeChat's settings with another font size: an unchosen mode follows it.
  useDidShow(() => stores.textSize.readPhoneScale())
  // `children` are the pages Taro renders.
  return createElement(StoresContext.Provider, { value: stores }, children)
}

export default App
