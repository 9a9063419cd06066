import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { api, type Listing, type User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { StatusBadges } from '../../../../components/status-badge'
import { routes, withId } from '../../../../routes'
import type { ListingPageStore } from '../../../../stores/listing-page-store'
import { myListingsFor } from '../../../../stores/work-stores'
import { strings } from '../../../../strings'
import { describeError, pricePerUnit, stockLabel } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'
import '../../../work-page.scss'

async function withdraw(store: ListingPageStore, listing: Listing) {
  const { confirm } = await Taro.showModal({ content: workStrings.myListings.withdrawConfirm })
  if (confirm) await store.act(listing.id, () => api.withdrawListing(listing.id), () => true)
}

const MyListing = observer(function MyListing({ listing, store }: { listing: Listing; store: ListingPageStore }) {
  const busy = store.busyId === listing.id
  const editable = listing.status !== 'withdrawn'
  return (
    <View className={`work-card my-listing my-listing--${listing.status}`}>
      <View className='work-card__row'>
        <Image className='work-card__thumb' src={listing.photos[0]?.thumbUrl ?? ''} mode='aspectFill' nativeProps={{ alt: strings.listing.photoAlt(listing.title, 1) }} />
        <View className='work-card__body'>
          <Text className='work-card__title'>{listing.title}</Text>
          <Text className='work-card__price'>{pricePerUnit(listing.priceFen, listing.unit)}</Text>
          <Text className='work-card__line'>{stockLabel(listing.stock, listing.unit)}</Text>
          {listing.listedBy && <Text className='work-card__line'>{workStrings.myListings.listedBy(listing.listedBy.name)}</Text>}
          <StatusBadges listing={listing} />
        </View>
      </View>
      {listing.status === 'rejected' && listing.rejectionReason && (
        <Text className='work-card__warning rejection-reason'>{workStrings.myListings.rejectedReason(listing.rejectionReason)}</Text>
      )}
      {listing.status === 'hidden' && listing.hiddenReason && (
        <Text className='work-card__warning hidden-reason'>{workStrings.myListings.hiddenReason(workStrings.hiddenReasons[listing.hiddenReason] ?? listing.hiddenReason)}</Text>
      )}
      <View className='work-card__actions'>
        {editable && (
          <ActionButton
            className='edit-listing'
            kind='secondary'
            text={listing.status === 'rejected' || listing.status === 'hidden' ? workStrings.myListings.resubmit : workStrings.myListings.edit}
            disabled={busy}
            onTap={() => void Taro.navigateTo({ url: withId(routes.sell, 'id', listing.id) })}
          />
        )}
        {(listing.status === 'live' || listing.status === 'pending_review' || listing.status === 'hidden') && (
          <ActionButton className='withdraw-listing' kind='plain' text={workStrings.myListings.withdraw} loading={busy} onTap={() => void withdraw(store, listing)} />
        )}
        <ActionButton
          className='history-link'
          kind='plain'
          text={workStrings.myListings.history}
          onTap={() => void Taro.navigateTo({ url: withId(routes.farmerHistory, 'id', listing.id) })}
        />
      </View>
    </View>
  )
})

const MyListings = observer(function MyListings({ user }: { user: User }) {
  const store = myListingsFor(user.id)
  // Fresh each time: the operator may have reviewed a listing since the farmer last looked.
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())

  return (
    <>
      <View className='work-page__top'>
        <ActionButton className='go-sell' block text={strings.roleEntries.sell} onTap={() => void Taro.navigateTo({ url: routes.sell })} />
      </View>
      {store.actionError && <Text className='work-error'>{describeError(store.actionError)}</Text>}
      {store.status === 'loading' && store.items.length === 0 && <StateView kind='loading' />}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.isEmpty && <StateView kind='empty' message={workStrings.myListings.empty} hint={workStrings.myListings.emptyHint} />}
      {store.items.map((listing) => (
        <MyListing key={listing.id} listing={listing} store={store} />
      ))}
    </>
  )
})

function MyListingsPage() {
  return (
    <View className='work-page my-listings-page'>
      <RoleGate role='farmer'>{(user) => <MyListings user={user} />}</RoleGate>
    </View>
  )
}

export default MyListingsPage
