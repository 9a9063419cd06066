import sharp from 'sharp'
import { storePhoto } from '../../../server/services/photos/photos'
import { demoUserId, type TestApp } from './test-app'

/** A photo in storage as if this demo user had uploaded it (the upload route has its own tests). */
// Photos are stored by their content's digest: two of the same colour would be one file with one
// URL, which tests of per-photo checks (WeChat answers by URL) must not get by chance.
let photosMade = 0

export async function photoUploadedBy(t: TestApp, userKey: string): Promise<string> {
  const n = photosMade++
  const background = { r: (n * 17) % 256, g: (Math.floor(n / 15) * 17) % 256, b: (Math.floor(n / 225) * 17) % 256 }
  const image = await sharp({ create: { width: 64, height: 48, channels: 3, background } }).jpeg().toBuffer()
  const row = await storePhoto({ db: t.database.db, storage: t.storage, clock: () => new Date() }, image, demoUserId(userKey))
  return row.id
}

export const lambFields = (photoIds: string[]) => ({
  title: '羔羊肉 羊排',
  category: 'lamb',
  unit: 'jin',
  unitWeightGrams: 500,
  priceFen: 6800,
  stock: 20,
  photoIds,
  description: '六月龄羔羊，当天宰杀',
})
