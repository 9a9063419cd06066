import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { User } from '../../../api'
import { StateView } from '../../../components/state-view'
import { routes } from '../../../routes'
import { useStores } from '../../../stores'
import { buyerStrings } from '../../../strings/buyer'

/** Checkout and orders are a buyer's; anyone else (signed out, a shared link) is sent to 我的.
 *  The server refuses them anyway. */
export const BuyerGate = observer(function BuyerGate({ children }: { children: (user: User) => ReactNode }) {
  const { session } = useStores()
  const user = session.user
  if (session.isSignedIn && user?.role === 'buyer') return <>{children(user)}</>
  return (
    <StateView
      kind='error'
      className='buyer-gate'
      message={buyerStrings.gate.signIn}
      retryText={buyerStrings.gate.toMe}
      onRetry={() => void Taro.switchTab({ url: routes.me })}
    />
  )
})
