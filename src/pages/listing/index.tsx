import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ApiError } from '../../api'
import { PageHeader } from '../../components/page-header'
import { PhotoGallery } from '../../components/photo-gallery'
import { StateView } from '../../components/state-view'
import { PageChrome } from '../../components/page-chrome'
import { useStores } from '../../stores'
import { strings } from '../../strings'
import { categoryLabel, describeError, pricePerUnit, stockLabel } from '../../strings/format'
import { BuyBar } from './buy-bar'
import './index.scss'

// The H5 bar above whatever the page shows, found or not: the way back is always there.
const withHeader = (body: JSX.Element) => (
  <>
    <PageHeader />
    {body}
  </>
)

function ListingBody() {
  const { listings } = useStores()
  const id = decodeURIComponent(useRouter().params.id ?? '')

  // Always ask again: stock and price may have changed since the catalog was fetched.
  useLoad(() => {
    if (id) void listings.load(id)
  })

  const listing = id ? listings.get(id) : undefined
  const status = listings.statusOf(id)
  const error = listings.errorOf(id)

  useEffect(() => {
    if (listing) void Taro.setNavigationBarTitle({ title: listing.title })
  }, [listing?.title])

  if (!listing) {
    if (!id || status === 'failed') {
      // Worth retrying on a bad connection; a withdrawn listing sends the buyer back to shop.
      return withHeader(
        error?.isTransient ? (
          <StateView kind='error' message={describeError(error)} onRetry={() => void listings.load(id)} className='listing-page__state' />
        ) : (
          <StateView
            kind='error'
            message={describeError(error ?? new ApiError(404, 'NOT_FOUND', 'no listing id'))}
            retryText={strings.listing.backToCatalog}
            onRetry={() => void Taro.switchTab({ url: '/pages/catalog/index' })}
            className='listing-page__state'
          />
        ),
      )
    }
    return withHeader(<StateView kind='loading' className='listing-page__state' />)
  }

  return withHeader(
    <View className='listing-page'>
      <PhotoGallery photos={listing.photos} title={listing.title} />

      <View className='listing-page__card'>
        <View className='listing-page__title listing-name'>{listing.title}</View>
        <View className='listing-page__price-row'>
          <Text className='listing-page__price listing-price'>{pricePerUnit(listing.priceFen, listing.unit)}</Text>
          <Text className={`listing-page__stock listing-stock ${listing.soldOut ? 'listing-page__stock--sold-out' : ''}`.trim()}>
            {stockLabel(listing.soldOut ? 0 : listing.stock, listing.unit)}
          </Text>
        </View>
        <Text className='listing-page__category'>{categoryLabel(listing.category)}</Text>
      </View>

      <BuyBar listing={listing} />

      <View className='listing-page__card listing-page__origin'>
        <View className='listing-page__fact'>
          <Text className='listing-page__fact-label'>{strings.listing.farmer}</Text>
          <Text className='listing-page__fact-value listing-farmer'>{listing.farmer.name}</Text>
        </View>
        <View className='listing-page__fact'>
          <Text className='listing-page__fact-label'>{strings.listing.village}</Text>
          <Text className='listing-page__fact-value listing-village'>{listing.village.name}</Text>
        </View>
        {listing.listedBy && <Text className='listing-page__listed-by'>{strings.listing.listedBy(listing.listedBy.name)}</Text>}
        <Text className='listing-page__pickup'>{strings.listing.pickup}</Text>
      </View>

      <View className='listing-page__card'>
        <Text className='listing-page__section-title'>{strings.listing.description}</Text>
        <Text className='listing-page__description listing-description' userSelect>
          {listing.description || strings.listing.noDescription}
        </Text>
      </View>

      {status === 'failed' && error?.isTransient && (
        <StateView kind='error' message={describeError(error)} onRetry={() => void listings.load(id)} compact />
      )}
    </View>,
  )
}

const ListingBodyObserved = observer(ListingBody)

// The page's 大字模式 and privacy sheet on weapp, whichever state the body is in.
function ListingPage() {
  return (
    <>
      <PageChrome />
      <ListingBodyObserved />
    </>
  )
}

export default ListingPage
