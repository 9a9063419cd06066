import { Image, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { api, type Listing, type User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { RoleGate } from '../../../../components/role-gate'
import { StateView } from '../../../../components/state-view'
import { scrollRegion } from '../../../../page-landmarks'
import { routes, withId } from '../../../../routes'
import type { ListingPageStore } from '../../../../stores/listing-page-store'
import { reviewQueueFor } from '../../../../stores/work-stores'
import { strings } from '../../../../strings'
import { categoryLabel, describeError, pricePerUnit, stockLabel, unitLabel } from '../../../../strings/format'
import { chinaDateTime, workStrings } from '../../../../strings/work'
import { RejectPanel } from './reject-panel'
import { ContentChecks } from './content-checks'
import '../../../../components/listing-form/index.scss'
import '../../../work-page.scss'
import './index.scss'

const zoom = (listing: Listing, url: string) => {
  // WeChat's viewer pinches to zoom; on H5 the large photo is what there is.
  if (process.env.TARO_ENV === 'weapp') void Taro.previewImage({ urls: listing.photos.map((photo) => photo.url), current: url })
}

const ReviewItem = observer(function ReviewItem({ listing, store }: { listing: Listing; store: ListingPageStore }) {
  const [rejecting, setRejecting] = useState(false)
  const busy = store.busyId === listing.id
  const [refusedHere, setRefusedHere] = useState(false)
  const approve = async () => {
    // Approved or rejected, it leaves the queue.
    if (await store.act(listing.id, () => api.approveListing(listing.id), () => false)) void Taro.showToast({ title: workStrings.review.approved, icon: 'none' })
  }
  const reject = async (reason: string) => {
    setRefusedHere(false)
    if (await store.act(listing.id, () => api.rejectListing(listing.id, reason), () => false)) void Taro.showToast({ title: workStrings.review.rejected, icon: 'none' })
    else setRefusedHere(true)
  }
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ content: workStrings.myListings.withdrawConfirm })
    if (confirm) await store.act(listing.id, () => api.withdrawListing(listing.id), () => false)
  }
  // WeChat refused the reason's words: said beside the reason, not at the top of the page.
  const reasonError = refusedHere && store.actionError?.code === 'CONTENT_RISKY' && (store.actionError.details?.fields as unknown[] | undefined)?.includes('reason') ? workStrings.review.reasonRisky : null
  const hidden = listing.status === 'hidden'
  const weight = listing.unit === 'kg' || listing.unit === 'jin' ? '' : ` · ${listing.unitWeightGrams} 克/${unitLabel(listing.unit)}`
  return (
    <View className='work-card review-item'>
      {/* Full-width photos: the operator vouches for the goods by what they show. */}
      <ScrollView className='review-item__photos' scrollX enableFlex {...scrollRegion(strings.listing.photoThumbs)}>
        <View className='review-item__track'>
          {listing.photos.map((photo, index) => (
            <Image key={photo.id} className='review-photo' src={photo.url} mode='aspectFill' lazyLoad nativeProps={{ alt: strings.listing.photoAlt(listing.title, index + 1) }} onClick={() => zoom(listing, photo.url)} />
          ))}
        </View>
      </ScrollView>
      <Text className='work-card__title review-item__title'>{listing.title}</Text>
      <Text className='work-card__price'>{pricePerUnit(listing.priceFen, listing.unit)}</Text>
      <Text className='work-card__line'>{`${categoryLabel(listing.category)} · ${stockLabel(listing.stock, listing.unit)}${weight}`}</Text>
      <Text className='work-card__line'>{`${listing.farmer.name} · ${workStrings.review.submittedAt(chinaDateTime(listing.updatedAt))}`}</Text>
      <Text className='review-item__description'>{listing.description || strings.listing.noDescription}</Text>
      <ContentChecks listing={listing} />
      {rejecting ? (
        <RejectPanel busy={busy} serverError={reasonError} onConfirm={(reason) => void reject(reason)} onCancel={() => setRejecting(false)} />
      ) : (
        <View className='work-card__actions'>
          {hidden ? (
            <ActionButton className='withdraw-listing' kind='secondary' text={workStrings.myListings.withdraw} loading={busy} onTap={() => void withdraw()} />
          ) : (
            <>
              <ActionButton className='approve-button' text={workStrings.review.approve} loading={busy} onTap={() => void approve()} />
              <ActionButton className='reject-button' kind='secondary' text={workStrings.review.reject} disabled={busy} onTap={() => setRejecting(true)} />
            </>
          )}
          <ActionButton
            className='history-link'
            kind='plain'
            text={workStrings.review.history}
            onTap={() => void Taro.navigateTo({ url: withId(routes.operatorHistory, 'id', listing.id) })}
          />
        </View>
      )}
    </View>
  )
})

const ReviewQueue = observer(function ReviewQueue({ user }: { user: User }) {
  const store = reviewQueueFor(user.id)
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())
  return (
    <>
      {store.actionError && <Text className='work-error'>{describeError(store.actionError)}</Text>}
      {store.status === 'loading' && store.items.length === 0 && <StateView kind='loading' />}
      {store.status === 'failed' && <StateView kind='error' message={describeError(store.error)} onRetry={() => void store.load()} />}
      {store.isEmpty && <StateView kind='empty' message={workStrings.review.empty} hint={workStrings.review.emptyHint} />}
      {store.items.map((listing) => (
        <ReviewItem key={listing.id} listing={listing} store={store} />
      ))}
    </>
  )
})

function ReviewPage() {
  return (
    <View className='work-page review-page'>
      <RoleGate role='operator'>{(user) => <ReviewQueue user={user} />}</RoleGate>
    </View>
  )
}

export default ReviewPage
