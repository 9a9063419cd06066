import { Image, ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { scrollRegion } from '../../page-landmarks'
import { strings } from '../../strings'
import type { PhotoGalleryProps } from './types'
import './index.scss'

export type { PhotoGalleryProps } from './types'

// A horizontal move this long (CSS px) is a swipe, shorter is a tap.
const SWIPE_PX = 40

type TouchList = 'touches' | 'changedTouches'
// Taro types View's touch events loosely; both platforms deliver the standard touch lists.
const touchX = (event: unknown, list: TouchList): number | undefined =>
  (event as Partial<Record<TouchList, { clientX: number }[]>>)[list]?.[0]?.clientX

/* A listing's photos: swipe through them, tap a thumbnail to jump to it, and on the
   mini-program tap a photo to zoom (buyers judge meat and milk by the photo).

   Not Taro's <Swiper>: on H5 it brings swiper.js into every page's bundle (Taro's H5
   components ship as one module), about 30 KB gzipped for the one page that shows photos.
   A track of photos moved by a CSS transform does the same job here. */
export function PhotoGallery({ photos, title, emptyText = strings.listing.noPhoto, className = '' }: PhotoGalleryProps) {
  const [current, setCurrent] = useState(0)
  const touchStartX = useRef<number | null>(null)

  if (photos.length === 0) {
    return (
      <View className={`gallery gallery--empty ${className}`.trim()}>
        <Text className='gallery__empty'>{emptyText}</Text>
      </View>
    )
  }

  const last = photos.length - 1
  const show = (index: number) => setCurrent(Math.max(0, Math.min(last, index)))
  const zoom = (url: string) => {
    // The mini-program's native viewer pinches and swipes; H5's would cost swiper.js (see above).
    if (process.env.TARO_ENV === 'weapp') void Taro.previewImage({ urls: photos.map((photo) => photo.url), current: url })
  }

  return (
    <View className={`gallery ${className}`.trim()}>
      <View
        className='gallery__stage'
        onTouchStart={(event) => {
          touchStartX.current = touchX(event, 'touches') ?? null
        }}
        onTouchEnd={(event) => {
          const start = touchStartX.current
          const end = touchX(event, 'changedTouches')
          touchStartX.current = null
          if (start === null || end === undefined || Math.abs(end - start) < SWIPE_PX) return
          show(end < start ? current + 1 : current - 1)
        }}
      >
        <View className='gallery__track' style={{ transform: `translateX(-${current * 100}%)` }}>
          {photos.map((photo, index) => (
            <Image key={photo.id} className='gallery-photo' src={photo.url} mode='aspectFill' nativeProps={{ alt: strings.listing.photoAlt(title, index + 1) }} onClick={() => zoom(photo.url)} />
          ))}
        </View>
        {photos.length > 1 && <Text className='gallery__counter'>{strings.listing.photoCount(current + 1, photos.length)}</Text>}
      </View>
      {photos.length > 1 && (
        <ScrollView className='gallery__thumbs' scrollX enableFlex showScrollbar={false} {...scrollRegion(strings.listing.photoThumbs)}>
          <View className='gallery__thumb-track'>
            {photos.map((photo, index) => (
              <Image
                key={photo.id}
                className={`gallery-thumb ${index === current ? 'gallery-thumb--active' : ''}`.trim()}
                src={photo.thumbUrl}
                mode='aspectFill'
                nativeProps={{ alt: strings.listing.photoAlt(title, index + 1) }}
                onClick={() => show(index)}
              />
            ))}
          </View>
        </ScrollView>
      )}
    </View>
  )
}
