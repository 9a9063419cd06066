import { Image, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { pickPhotos } from '../../stores/photo-picker'
import { keepPhotoFiles } from '../../stores/work-stores'
import type { DraftPhoto, ListingDraftStore } from '../../stores/listing-draft-store'
import { workStrings } from '../../strings/work'

function statusText(photo: DraftPhoto, retryWaitMs: number | null): string {
  if (photo.state === 'refused') return photo.refusal ?? workStrings.sell.uploadFailed
  if (photo.state === 'uploaded') return workStrings.sell.uploaded
  if (photo.state === 'uploading') return workStrings.sell.uploading(photo.progress)
  return retryWaitMs !== null ? workStrings.sell.retryIn(Math.ceil(retryWaitMs / 1000)) : workStrings.sell.waiting
}

/** Photos from the camera or album (after the privacy sheet), kept past WeChat's temp-file clean-up. */
async function choosePhotos(draft: ListingDraftStore): Promise<void> {
  const picked = await pickPhotos(draft.canAddPhotos)
  if (picked.length > 0) draft.addPhotos(await keepPhotoFiles(picked))
}

/** The draft's photos: each with its upload progress, moved left or right, removed; and the
 *  button that takes more. Buttons, not drag and drop: easier for an unsteady thumb. */
export const PhotoStrip = observer(function PhotoStrip({ draft }: { draft: ListingDraftStore }) {
  const last = draft.photos.length - 1
  return (
    <View className='photo-strip'>
      {draft.photos.map((photo, index) => (
        <View key={photo.key} className={`draft-photo draft-photo--${photo.state}`}>
          <Image className='draft-photo__image' src={photo.previewUrl} mode='aspectFill' />
          {index === 0 && <Text className='draft-photo__cover'>{workStrings.sell.cover}</Text>}
          <View className={`upload-progress upload-progress--${photo.state}`}>
            <View className='upload-progress__bar' style={{ width: `${photo.progress}%` }} />
            <Text className='upload-progress__text'>{statusText(photo, draft.retryWaitMs)}</Text>
          </View>
          <View className='draft-photo__tools'>
            <View className={`draft-photo__tool move-left ${index === 0 ? 'draft-photo__tool--off' : ''}`} onClick={() => draft.movePhoto(index, -1)}>
              {workStrings.sell.moveLeft}
            </View>
            <View className={`draft-photo__tool move-right ${index === last ? 'draft-photo__tool--off' : ''}`} onClick={() => draft.movePhoto(index, 1)}>
              {workStrings.sell.moveRight}
            </View>
            <View className='draft-photo__tool remove-photo' onClick={() => draft.removePhoto(index)}>
              {workStrings.sell.remove}
            </View>
          </View>
        </View>
      ))}
      {draft.canAddPhotos > 0 && (
        <View className='add-photo' hoverClass='add-photo--pressed' onClick={() => void choosePhotos(draft)}>
          <Text className='add-photo__plus'>+</Text>
          <Text className='add-photo__text'>{workStrings.sell.addPhoto}</Text>
        </View>
      )}
    </View>
  )
})
