import sharp from 'sharp'
import { MAX_PHOTO_PIXELS, processPhoto } from '../../server/services/photos/photo-processing'

/* The pipeline every photo goes through (uploads in the listing issue, demo pictures now). */
describe('photo processing', () => {
  it('turns a photo upright by its EXIF orientation and strips all metadata, GPS included', async () => {
    // A landscape 400×200 image marked "rotate 90° clockwise" (orientation 6) is a portrait photo.
    const input = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#a33' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Copyright: 'farmer', ImageDescription: 'GPS 40.38N 111.82E' } })
      .toBuffer()
    expect((await sharp(input).metadata()).exif).toBeDefined()

    const out = await processPhoto(input)
    const meta = await sharp(out.full).metadata()
    expect([meta.width, meta.height]).toEqual([200, 400])
    expect([out.width, out.height]).toEqual([200, 400])
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    expect(out.full.includes(Buffer.from('GPS 40.38N'))).toBe(false)
  })

  it('caps the longest side at 1600 px and makes a 400 px thumbnail', async () => {
    const input = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a3' } }).png().toBuffer()
    const out = await processPhoto(input)
    expect([out.width, out.height]).toEqual([1600, 1200])
    const thumb = await sharp(out.thumb).metadata()
    expect([thumb.width, thumb.height]).toEqual([400, 300])
  })

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    expect(MAX_PHOTO_PIXELS).toBe(40_000_000)
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer()
    await expect(processPhoto(bomb)).rejects.toThrow(/pixel limit/i)
  })
})
