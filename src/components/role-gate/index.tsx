import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { Role, User } from '../../api'
import { routes, signInAndReturn } from '../../routes'
import { useStores } from '../../stores'
import { roleLabel } from '../../strings/format'
import { workStrings } from '../../strings/work'
import { PageHeader } from '../page-header'
import { StateView } from '../state-view'
import { PageChrome } from '../page-chrome'

export interface RoleGateProps {
  role: Role
  children: (user: User) => ReactNode
}

/** The farmer's and the operator's pages are for them only; anyone else (a shared link, a
 *  session that expired) is sent to 我的 to sign in, and comes back here after. The server
 *  refuses them anyway. Every staff page is framed by it, so it draws the H5 page header too,
 *  with 我的 (where the staff's entries are) as the way back from a page opened directly. */
export const RoleGate = observer(function RoleGate({ role, children }: RoleGateProps) {
  const { session } = useStores()
  const user = session.user
  const allowed = session.isSignedIn && user?.role === role
  return (
    <>
      {/* Every work page renders this gate: it carries the page's 大字模式 and privacy sheet on weapp. */}
      <PageChrome />
      <PageHeader parent={routes.me} />
      {allowed ? (
        children(user)
      ) : (
        <StateView
          kind='error'
          className='role-gate'
          message={workStrings.roleGate.only(roleLabel(role))}
          retryText={workStrings.roleGate.toMe}
          onRetry={() => signInAndReturn(session)}
        />
      )}
    </>
  )
})
