import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import type { Role, User } from '../../api'
import { useStores } from '../../stores'
import { roleLabel } from '../../strings/format'
import { workStrings } from '../../strings/work'
import { StateView } from '../state-view'
import { TextSizeMeta } from '../text-size-meta'

export interface RoleGateProps {
  role: Role
  children: (user: User) => ReactNode
}

/** The farmer's and the operator's pages are for them only; anyone else (a shared link, a
 *  session that expired) is sent to 我的 to sign in. The server refuses them anyway. */
export const RoleGate = observer(function RoleGate({ role, children }: RoleGateProps) {
  const { session } = useStores()
  const user = session.user
  // Every work page renders this gate: it carries the page's 大字模式 on weapp.
  if (session.isSignedIn && user?.role === role) {
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
        className='role-gate'
        message={workStrings.roleGate.only(roleLabel(role))}
        retryText={workStrings.roleGate.toMe}
        onRetry={() => void Taro.switchTab({ url: '/pages/me/index' })}
      />
    </>
  )
})
