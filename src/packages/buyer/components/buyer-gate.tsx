import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { User } from '../../../api'
import { PageHeader } from '../../../components/page-header'
import { StateView } from '../../../components/state-view'
import { PageChrome } from '../../../components/page-chrome'
import { routes, signInAndReturn } from '../../../routes'
import { useStores } from '../../../stores'
import { buyerStrings } from '../../../strings/buyer'

export interface BuyerGateProps {
  children: (user: User) => ReactNode
  /** Where the H5 header's 返回 goes from a page opened directly (default 我的, where orders are). */
  parent?: string
}

/** Checkout and orders are a buyer's; anyone else (signed out, a shared link) is sent to 我的
 *  and comes back here once signed in. The server refuses them anyway. Every buyer subpackage
 *  page is framed by it, so it draws the H5 page header too. */
export const BuyerGate = observer(function BuyerGate({ children, parent = routes.me }: BuyerGateProps) {
  const { session } = useStores()
  const user = session.user
  const allowed = session.isSignedIn && user?.role === 'buyer'
  return (
    <>
      {/* Every buyer subpackage page renders this gate: it carries the page's 大字模式 and privacy sheet on weapp. */}
      <PageChrome />
      <PageHeader parent={parent} />
      {allowed ? (
        children(user)
      ) : (
        <StateView kind='error' className='buyer-gate' message={buyerStrings.gate.signIn} retryText={buyerStrings.gate.toMe} onRetry={() => signInAndReturn(session)} />
      )}
    </>
  )
})
