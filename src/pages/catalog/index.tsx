import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ChipBar, type ChipOption } from '../../components/chip-bar'
import { LISTING_CARD_HEIGHT, LISTING_ROW_LARGE_PX, ListingCard } from '../../components/listing-card'
import { SearchBar } from '../../components/search-bar'
import { StateView } from '../../components/state-view'
import { TabBar } from '../../components/tab-bar'
import { PageChrome } from '../../components/page-chrome'
import { PrivacyNote } from '../../components/privacy-sheet/privacy-note'
import { ListingRows } from '../../components/listing-rows'
import type { Listing } from '../../api'
import { CATEGORIES, type Category } from '../../domain/catalog'
import { useStores } from '../../stores'
import { strings } from '../../strings'
import { categoryLabel, describeError } from '../../strings/format'
import './index.scss'

const categoryOptions: ChipOption<Category>[] = [
  { value: null, label: strings.catalog.allCategories },
  ...CATEGORIES.map((category) => ({ value: category, label: categoryLabel(category) })),
]

const renderListing = (listing: Listing) => <ListingCard listing={listing} />

function CatalogPage() {
  const { catalog, places, textSize } = useStores()
  const { filters, items, status, error } = catalog

  useDidShow(() => {
    void places.loadVillages()
    if (catalog.status === 'idle') void catalog.loadMore()
  })

  const villageOptions: ChipOption<string>[] = [
    { value: null, label: strings.catalog.allVillages },
    ...places.villages.map((village) => ({ value: village.id, label: village.name })),
  ]
  const firstPage = items.length === 0

  let body
  let list
  if (firstPage && (status === 'loading' || status === 'idle')) {
    body = <StateView kind='loading' />
  } else if (firstPage && status === 'failed') {
    body = <StateView kind='error' message={describeError(error)} onRetry={() => void catalog.loadMore()} />
  } else if (catalog.isEmpty) {
    body = <StateView kind='empty' message={strings.catalog.empty} hint={catalog.isFiltered ? strings.catalog.emptyHint : undefined} />
  } else {
    const footer =
      status === 'loading' ? (
        <StateView kind='loading' message={strings.catalog.loadingMore} compact />
      ) : status === 'failed' ? (
        <StateView kind='error' message={describeError(error)} onRetry={() => void catalog.loadMore()} compact />
      ) : catalog.isComplete ? (
        <Text className='catalog-page__end'>{strings.catalog.end}</Text>
      ) : null
    list = (
      <ListingRows
        items={items}
        rowHeight={LISTING_CARD_HEIGHT}
        rowHeightPx={textSize.large ? LISTING_ROW_LARGE_PX : undefined}
        renderRow={renderListing}
        onEndReached={() => void catalog.loadMore()}
        resetKey={`${filters.q}|${filters.category ?? ''}|${filters.villageId ?? ''}|${textSize.large}`}
        footer={footer}
        label={strings.catalog.results}
        className='catalog-page__list'
      />
    )
  }

  return (
    <View className='catalog-page'>
      <PrivacyNote />
      <View className='catalog-page__filters'>
        <View className='catalog-page__search'>
          <SearchBar value={filters.q} onSearch={(q) => catalog.setFilters({ q })} />
        </View>
        <ChipBar className='category-filter' label={strings.catalog.categoryFilter} options={categoryOptions} selected={filters.category} onChange={(category) => catalog.setFilters({ category })} />
        {/* Chips, not a picker wheel: one tap, and the choice stays in sight. */}
        {places.villages.length > 0 && (
          <ChipBar
            className='catalog-page__villages village-filter'
            label={strings.catalog.villageFilter}
            options={villageOptions}
            selected={filters.villageId}
            onChange={(villageId) => catalog.setFilters({ villageId })}
          />
        )}
      </View>
      {/* The list is its own box; a loading, empty or error state gets one. */}
      {list ?? <View className='catalog-page__list'>{body}</View>}
      <TabBar current='catalog' />
      <PageChrome />
    </View>
  )
}

export default observer(CatalogPage)
