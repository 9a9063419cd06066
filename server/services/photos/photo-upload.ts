import type { Kysely } from 'kysely'
import sharp from 'sharp'
import type { Clock } from '../../clock'
import type { DB, PhotoTable } from '../../db/schema'
import { ServiceError, validationFailed } from '../service-error'
import type { PhotoStorage } from '../../storage/photo-storage'
import { MAX_PHOTO_PIXELS, UnreadablePhotoError } from './photo-processing'
import { storePhoto } from './photos'

/* A photo a farmer or operator sends for a listing. What it is gets judged by its bytes, never
   by its name or declared type: a phone may call anything "image.jpg", and an SVG or HTML page
   served back from our origin would run script in a buyer's browser. Only what sharp re-encodes
   is ever stored, so nothing of the original (EXIF, GPS, trailing data) reaches a buyer. */

/** WeChat's chooseMedia hands over camera originals of a few MB; 10 MB leaves room for them. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

export type PhotoFormat = 'jpeg' | 'png' | 'webp'

/** The format named by the file's first bytes (its magic number), or null for anything else. */
export function sniffPhotoFormat(bytes: Buffer): PhotoFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const unsupported = () =>
  new ServiceError('UNSUPPORTED_MEDIA_TYPE', 'the file must be a JPEG, PNG or WebP photo', { file: 'must be a JPEG, PNG or WebP image' })
const unreadable = () => validationFailed({ file: 'the image cannot be read' }, 'the photo is damaged or incomplete')

export async function uploadPhoto(
  deps: { db: Kysely<DB>; storage: PhotoStorage; clock: Clock },
  bytes: Buffer,
  uploadedBy: string,
): Promise<PhotoTable> {
  if (bytes.length === 0) throw validationFailed({ file: 'is empty' })
  const sniffed = sniffPhotoFormat(bytes)
  if (!sniffed) throw unsupported()

  // metadata() reads the header only: the size is known before a single pixel is decoded.
  // sharp's own default limit (268 MP) is lifted here so that our limit, below, is the one
  // that answers, with the pixel count in its details.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw unreadable()
    })
  // The magic number and the decoder must agree; a mismatch is a disguised file.
  if (header.format !== sniffed) throw unsupported()
  if (!header.width || !header.height) throw unreadable()
  const pixels = header.width * header.height
  // 413, not 422: what is too large is the image the body unpacks to (a decompression bomb is
  // a small file). API.md keeps 422 for idempotency keys, and to the farmer it is the same
  // advice as for too many bytes: send a smaller photo.
  if (pixels > MAX_PHOTO_PIXELS) {
    throw new ServiceError('PAYLOAD_TOO_LARGE', 'the photo has too many pixels', {
      file: `the image is ${header.width}×${header.height} = ${pixels} pixels; at most ${MAX_PHOTO_PIXELS}`,
      pixels,
      maxPixels: MAX_PHOTO_PIXELS,
    })
  }

  try {
    // storePhoto decodes fully before it writes anything, and the row is inserted last, in one
    // statement: a photo that fails to decode leaves nothing behind. Stored objects are named
    // by their content, so bytes written for a failed insert are never wrong, only unused.
    return await storePhoto(deps, bytes, uploadedBy)
  } catch (error) {
    if (error instanceof UnreadablePhotoError) throw unreadable()
    throw error
  }
}
