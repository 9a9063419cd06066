import sharp from 'sharp'

/* Every photo, uploaded or generated for the demo, goes through here: turned upright by its
   EXIF orientation, re-encoded (which drops all metadata: a farmer's GPS position must not
   leak to buyers), the longest side capped for 3G, plus a thumbnail for lists. */

export const MAX_PHOTO_PIXELS = 40_000_000
export const FULL_LONGEST_SIDE = 1600
export const THUMB_LONGEST_SIDE = 400

export interface ProcessedPhoto {
  full: Buffer
  thumb: Buffer
  width: number
  height: number
}

/** sharp could not turn the bytes into a photo: corrupt, truncated, or over the pixel limit.
    A fault of the input, never of the server, so callers may answer it as the client's error. */
export class UnreadablePhotoError extends Error {
  constructor(readonly cause: unknown) {
    super(`the image cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  // limitInputPixels makes sharp refuse a decompression bomb from its header, before decoding.
  const source = () => sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' }).rotate()
  try {
    const full = await source()
      .resize({ width: FULL_LONGEST_SIDE, height: FULL_LONGEST_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumb = await source()
      .resize({ width: THUMB_LONGEST_SIDE, height: THUMB_LONGEST_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer()
    return { full: full.data, thumb, width: full.info.width, height: full.info.height }
  } catch (error) {
    throw new UnreadablePhotoError(error)
  }
}
