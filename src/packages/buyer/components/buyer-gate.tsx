import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { User } from '../../../api'
import { StateView } from '../../../components/state-view'
import { TextSizeMeta } from '../../../components/text-size-meta'
import { routes } from '../../../routes'
import { useStores } from '../../../stores'
import { buyerStrings } from '../../../strings/buyer'

/** Checkout and orders are a buyer's; anyone else (signed out, a shared link) is sent to 我的.
 *  The server refuses them anyway. */
export const BuyerGate = observer(function BuyerGate({ children }: { children: (user: User) => ReactNode }) {
  const { session } = useStores()
  const user = session.user
  // Every buyer subpackage page renders this gate: it carries the page's 大字模式 on weapp.
  if (session.isSignedIn && user?.role === 'buyer') {
    return (
      <>
        <TextSizeMeta />
        {children(user)}
      </>
    )
  }
  return (
    <>
      <TextSizeMeta />
      <StateView
        kind='error'
        className='buyer-gate'
        message={buyerStrings.gate.signIn}
        retryText={buyerStrings.gate.toMe}
        onRetry={() => void Taro.switchTab({ url: routes.me })}
      />
    </>
  )
})
