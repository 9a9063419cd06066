import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { type ReactNode, useState } from 'react'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { PageHeader } from '../../../../components/page-header'
import { StateView } from '../../../../components/state-view'
import { PageChrome } from '../../../../components/page-chrome'
import { routes, signInAndReturn } from '../../../../routes'
import { useStores } from '../../../../stores'
import { AccountDeletionStore } from '../../../../stores/account-deletion-store'
import { accountDeletionDeps } from '../../../../stores/account-stores'
import { accountStrings as s } from '../../../../strings/account'
import { describeError } from '../../../../strings/format'
import '../../../work-page.scss'
import './index.scss'

const HOME = '/pages/home/index'

function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <View className={`work-card account-section ${className}`.trim()}>
      <Text className='account-section__title'>{title}</Text>
      {children}
    </View>
  )
}

const Points = ({ items }: { items: readonly string[] }) => (
  <View className='account-points'>
    {items.map((item) => (
      <Text key={item} className='account-points__item'>{`· ${item}`}</Text>
    ))}
  </View>
)

const AccountPage = observer(function AccountPage({ user }: { user: User }) {
  const { session } = useStores()
  // Transient to this page: a store per visit, signed out through the session when done.
  const [store] = useState(() => new AccountDeletionStore({ ...accountDeletionDeps, signOut: () => session.clear() }))
  const [asking, setAsking] = useState(false)

  const confirm = async () => {
    if (await store.deleteAccount()) {
      void Taro.showToast({ title: s.deleted, icon: 'success' })
      void Taro.switchTab({ url: HOME })
    } else {
      setAsking(false)
    }
  }

  return (
    <>
      <Section title={s.exportTitle} className='account-export'>
        <Text className='account-section__text'>{s.exportWhat}</Text>
        <Text className='account-section__text'>{s.exportHow}</Text>
        <ActionButton className='export-data' kind='secondary' block text={s.exportButton} loading={store.exporting} onTap={() => void store.exportMyData()} />
        {store.exportSummary && <Text className='account-section__done export-summary'>{s.exported(store.exportSummary)}</Text>}
        {store.exportError && <Text className='account-section__error'>{describeError(store.exportError)}</Text>}
      </Section>

      <Section title={s.deleteTitle} className='account-delete'>
        <Text className='account-section__subtitle'>{s.erasedTitle}</Text>
        <Points items={s.erased} />
        <Text className='account-section__subtitle'>{s.keptTitle}</Text>
        <Text className='account-section__text'>{s.kept}</Text>
        {user.role === 'farmer' && (
          <>
            <Text className='account-section__subtitle'>{s.listingsTitle}</Text>
            <Text className='account-section__text'>{s.listings}</Text>
          </>
        )}
        <Text className='account-section__subtitle'>{s.beforeTitle}</Text>
        <Points items={s.before} />
        <Text className='account-section__warning'>{s.final}</Text>
      </Section>

      {store.openOrders.length > 0 && (
        <View className='work-card account-refusal open-orders' role='alert'>
          <Text className='account-refusal__title'>{s.openOrdersTitle}</Text>
          {store.openOrders.map((order) => (
            <Text key={order.id} className='account-refusal__order open-order'>
              {s.openOrder(order)}
            </Text>
          ))}
        </View>
      )}
      {store.owed && (
        <View className='work-card account-refusal owed-balance' role='alert'>
          <Text className='account-refusal__title'>{s.owed(store.owed)}</Text>
        </View>
      )}
      {store.status === 'failed' && <Text className='account-section__error account-delete-error'>{describeError(store.error)}</Text>}

      <View className='account-actions'>
        {asking ? (
          <View className='account-confirm'>
            <Text className='account-confirm__question'>{s.confirmQuestion}</Text>
            <ActionButton className='confirm-delete account-confirm__yes' block text={store.status === 'deleting' ? s.deleting : s.confirmButton} loading={store.status === 'deleting'} onTap={() => void confirm()} />
            <ActionButton className='cancel-delete' kind='plain' block text={s.cancelButton} onTap={() => setAsking(false)} />
          </View>
        ) : (
          <ActionButton className='delete-account account-actions__delete' kind='plain' block text={s.deleteButton} disabled={!store.canDelete} onTap={() => setAsking(true)} />
        )}
      </View>
    </>
  )
})

/** For every role: whoever is signed in may delete their own account. */
const SignedInOnly = observer(function SignedInOnly() {
  const { session } = useStores()
  return (
    <>
      <PageChrome />
      <PageHeader parent={routes.me} />
      {session.isSignedIn && session.user ? (
        <AccountPage user={session.user} />
      ) : (
        <StateView kind='error' className='role-gate' message={s.signInFirst} retryText={s.toMe} onRetry={() => signInAndReturn(session)} />
      )}
    </>
  )
})

function DeleteAccountPage() {
  return (
    <View className='work-page account-page'>
      <SignedInOnly />
    </View>
  )
}

export default DeleteAccountPage
