import { Text, View } from '@tarojs/components'
import type { Listing } from '../../../../api'
import { workStrings } from '../../../../strings/work'

/** Why WeChat's content check hid a listing, in the operator's and the farmer's words. */
export const hiddenReasonText = (code: string): string => workStrings.hiddenReasons[code] ?? code

/** WeChat's content security on a listing under review: each photo's verdict (a pending one
 *  does not hold up approval), the text it wants a person to look at, and why it was hidden. */
export function ContentChecks({ listing }: { listing: Listing }) {
  const check = listing.contentCheck
  const names = (check?.textFlags ?? []).map((flag) => ({ ...flag, name: workStrings.review.fieldNames[flag.field] }))
  const reviewed = names.filter((flag) => flag.check === 'review').map((flag) => flag.name)
  const unchecked = names.filter((flag) => flag.check === 'unchecked').map((flag) => flag.name)
  return (
    <View className='content-checks'>
      {check && (
        <View className='content-checks__photos'>
          {check.photos.map((photo, index) => (
            <Text key={photo.photoId} className={`photo-check photo-check--${photo.check}`}>{`${index + 1} ${workStrings.review.photoCheck[photo.check]}`}</Text>
          ))}
        </View>
      )}
      {reviewed.length > 0 && <Text className='work-card__warning text-flag text-flag--review'>{workStrings.review.textFlag(reviewed.join('、'))}</Text>}
      {unchecked.length > 0 && <Text className='work-card__warning text-flag text-flag--unchecked'>{workStrings.review.textUnchecked(unchecked.join('、'))}</Text>}
      {listing.status === 'hidden' && listing.hiddenReason && <Text className='work-card__warning hidden-reason'>{workStrings.review.hidden(hiddenReasonText(listing.hiddenReason))}</Text>}
    </View>
  )
}
