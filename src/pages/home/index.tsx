import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { CategoryTile } from '../../components/category-tile'
import { ListingCard } from '../../components/listing-card'
import { StateView } from '../../components/state-view'
import { TabBar } from '../../components/tab-bar'
import { PageChrome } from '../../components/page-chrome'
import { PrivacyNote } from '../../components/privacy-sheet/privacy-note'
import { CATEGORIES, type Category } from '../../domain/catalog'
import { NO_FILTERS, useStores } from '../../stores'
import { strings } from '../../strings'
import { describeError } from '../../strings/format'
import './index.scss'

const CATALOG_PAGE = '/pages/catalog/index'

function HomePage() {
  const { storefront, places, catalog } = useStores()
  // H5 keeps a hidden page in the document. There the newest listings are drawn only while the
  // page is in view, so a hidden page holds no images or listing cards next to the catalog's.
  const [inView, setInView] = useState(true)

  useDidShow(() => {
    setInView(true)
    if (storefront.status === 'idle' || storefront.status === 'failed') void storefront.load()
  })
  useDidHide(() => {
    if (process.env.TARO_ENV === 'h5') setInView(false)
  })
  usePullDownRefresh(() => {
    void storefront.load().finally(() => Taro.stopPullDownRefresh())
  })

  const openCategory = (category: Category) => {
    catalog.showCategory(category)
    void Taro.switchTab({ url: CATALOG_PAGE })
  }
  const openCatalog = () => {
    catalog.setFilters(NO_FILTERS)
    void Taro.switchTab({ url: CATALOG_PAGE })
  }

  const { counts, newest, status, error } = storefront
  const firstLoad = status === 'loading' && counts === null
  const failed = status === 'failed' && counts === null

  return (
    <View className='home-page'>
      <View className='home-page__banner'>
        <Text className='home-page__county'>{places.county ? strings.home.county(places.county.name) : strings.appName}</Text>
        <Text className='home-page__tagline'>{strings.home.tagline}</Text>
      </View>
      <PrivacyNote />

      {firstLoad && <StateView kind='loading' />}
      {failed && <StateView kind='error' message={describeError(error)} onRetry={() => void storefront.load()} />}

      {counts && (
        <View className='home-page__section'>
          <Text className='home-page__section-title'>{strings.home.categoriesTitle}</Text>
          <View className='home-page__categories'>
            {CATEGORIES.map((category) => (
              <CategoryTile key={category} category={category} count={counts[category] ?? 0} onTap={openCategory} />
            ))}
          </View>
        </View>
      )}

      {counts && (
        <View className='home-page__section'>
          <View className='home-page__section-header'>
            <Text className='home-page__section-title'>{strings.home.newestTitle}</Text>
            <View className='home-page__see-all' onClick={openCatalog}>
              {strings.home.seeAll}
            </View>
          </View>
          {newest.length === 0 && <StateView kind='empty' message={strings.home.emptyNewest} compact />}
          {inView && newest.map((listing) => <ListingCard key={listing.id} listing={listing} />)}
        </View>
      )}
      <TabBar current='home' />
      <PageChrome />
    </View>
  )
}

export default observer(HomePage)
