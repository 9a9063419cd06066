import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef } from 'react'
import { ActionButton } from '../../components/action-button'
import { StateView } from '../../components/state-view'
import { TabBar } from '../../components/tab-bar'
import { PageChrome } from '../../components/page-chrome'
import { openPath } from '../../routes'
import { useStores } from '../../stores'
import { loadHandInBadge } from '../../stores/hand-in-badge'
import { strings } from '../../strings'
import { describeError, roleLabel } from '../../strings/format'
import { DemoUserList } from './demo-user-list'
import { AccountEntry, RoleEntries } from './role-entries'
import { TextSizeSwitch } from './text-size-switch'
import './index.scss'

// Only the mini-program has wx.login; H5 signs in through the demo chooser (dev login) for now.
const canUseWeChatLogin = process.env.TARO_ENV === 'weapp'

function MePage() {
  const { session } = useStores()

  const signedIn = session.isSignedIn
  // Whenever nobody is signed in (at first, after signing out, after a 401), offer the chooser.
  useEffect(() => {
    if (!signedIn && session.demoUsersStatus === 'idle') void session.loadDemoUsers()
  }, [signedIn, session])
  useDidShow(() => {
    if (!session.isSignedIn && session.demoUsersStatus === 'failed') void session.loadDemoUsers()
  })
  // Sent here to sign in by a page (the cart, a listing's 立即购买, a gated page): back there once
  // signed in. Only on the change from signed out to in: a farmer sent here by an operator's page
  // stays until they sign out and in as someone else.
  const wasSignedIn = useRef(signedIn)
  useEffect(() => {
    if (signedIn && !wasSignedIn.current) {
      const back = session.takeReturnPath()
      if (back) openPath(back)
    }
    wasSignedIn.current = signedIn
  }, [signedIn, session])
  // Left without signing in: a sign-in later, from the tab, stays on 我的.
  useDidHide(() => session.forgetReturnPath())
  // The farmer's count of goods to hand in, fresh each time 我的 shows and at sign-in.
  const farmerId = session.isSignedIn && session.user?.role === 'farmer' ? session.user.id : null
  useDidShow(() => {
    if (farmerId) void loadHandInBadge(farmerId)
  })
  useEffect(() => {
    if (farmerId) void loadHandInBadge(farmerId)
  }, [farmerId])

  if (signedIn && session.user) {
    const { user } = session
    return (
      <View className='me-page'>
        <View className='me-page__profile'>
          <View className='me-page__avatar'>{user.name.charAt(0)}</View>
          <View className='me-page__who'>
            <Text className='me-page__name me-name'>{user.name}</Text>
            <Text className='me-page__role me-role'>{roleLabel(user.role)}</Text>
          </View>
        </View>
        <RoleEntries role={user.role} userId={user.id} />
        <TextSizeSwitch />
        <AccountEntry />
        <View className='me-page__actions'>
          <ActionButton className='sign-out' kind='plain' text={strings.me.signOut} block onTap={() => void session.signOut()} />
        </View>
        <TabBar current='me' />
        <PageChrome />
      </View>
    )
  }

  const demoFailed = session.demoUsersStatus === 'failed'
  return (
    <View className='me-page'>
      <View className='me-page__profile'>
        <View className='me-page__avatar me-page__avatar--empty' />
        <View className='me-page__who'>
          <Text className='me-page__name'>{strings.me.signedOut}</Text>
          <Text className='me-page__role'>{strings.me.signInPrompt}</Text>
        </View>
      </View>

      {canUseWeChatLogin && (
        <View className='me-page__actions'>
          <ActionButton
            className='wechat-login'
            text={strings.me.wechatLogin}
            block
            loading={session.signingIn}
            onTap={() => void session.signInWithWeChat()}
          />
        </View>
      )}
      {session.signInError && <Text className='me-page__error'>{`${strings.me.signInFailed}（${describeError(session.signInError)}）`}</Text>}

      {session.devLoginAvailable && (
        <DemoUserList users={session.demoUsers} disabled={session.signingIn} onChoose={(user) => void session.signInAsDemoUser(user.id)} />
      )}
      {/* Without WeChat, the chooser is the only way in: say so when it could not be fetched. */}
      {!canUseWeChatLogin && demoFailed && (
        <StateView kind='error' compact message={strings.errors.NETWORK} onRetry={() => void session.loadDemoUsers()} />
      )}
      {!canUseWeChatLogin && session.demoUsersStatus === 'loading' && <StateView kind='loading' compact />}
      <TextSizeSwitch />
      <TabBar current='me' />
      <PageChrome />
    </View>
  )
}

export default observer(MePage)
