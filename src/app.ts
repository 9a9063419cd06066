import { createElement, type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { markPageLandmarks } from './page-landmarks'
import { createRootStore, StoresContext } from './stores'
import './app.scss'

// One set of stores for the app's life: pages come and go, the session and caches stay.
const stores = createRootStore()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    stores.session.restore()
    if (process.env.TARO_ENV === 'h5') markPageLandmarks()
  })
  // `children` are the pages Taro renders.
  return createElement(StoresContext.Provider, { value: stores }, children)
}

export default App
