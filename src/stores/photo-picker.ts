import Taro from '@tarojs/taro'
import { withPrivacy } from './privacy-calls'

/* Photos for a listing or an after-sale case. A module of its own, imported only by the pages
   that pick photos (all in subpackages): on H5, Taro's chooseMedia then stays out of the first
   load that every buyer downloads. */

/** Camera or album, compressed (full-size photos from a new phone are 5–10 MB, too much for 3G);
 *  the chosen photos' temporary paths, none when the user closed the picker or declined. */
export async function pickPhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    const picked = await withPrivacy('photos', () => Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] }))
    return picked === 'declined' ? [] : picked.tempFiles.map((file) => file.tempFilePath)
  } catch {
    // Closed without choosing: nothing to add.
    return []
  }
}
