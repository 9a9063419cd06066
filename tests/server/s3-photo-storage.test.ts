import sharp from 'sharp'
import { readConfig } from '../../server/config'
import { openPhotoStorage } from '../../server/runtime'
import { createS3PhotoStorage } from '../../server/storage/s3-photo-storage'
import { startLocalS3, type LocalS3 } from './support/local-s3'
import { photoForm } from './support/multipart'
import { photo } from './support/photo-fixtures'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

/* Photos in an S3-compatible bucket, so several server processes on several machines share them:
   the store against a real S3 protocol server on 127.0.0.1 (s3rver), the settings that choose
   it, and a photo uploaded and served through the app on both databases. */

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv

let s3: LocalS3
beforeAll(async () => {
  s3 = await startLocalS3()
})
afterAll(() => s3.close())

describe('the S3 photo store', () => {
  const store = () => createS3PhotoStorage(s3.config)

  it('puts, gets and removes an object; a missing key is null, and removing twice is fine', async () => {
    const storage = store()
    const bytes = Buffer.from('not really a jpeg, but bytes all the same')
    await storage.put('abc123.jpg', bytes)
    expect(await storage.get('abc123.jpg')).toEqual(bytes)
    // The same content again (a double tap): the same object.
    await storage.put('abc123.jpg', bytes)
    expect(await storage.get('abc123.jpg')).toEqual(bytes)
    await storage.remove('abc123.jpg')
    expect(await storage.get('abc123.jpg')).toBeNull()
    await storage.remove('abc123.jpg')
    expect(await storage.get('never-stored.jpg')).toBeNull()
    storage.destroy()
  })

  it('refuses keys that are not photo keys, as the disk store does', async () => {
    const storage = store()
    await expect(storage.put('../escape.jpg', Buffer.from('x'))).rejects.toThrow(/bad photo key/)
    expect(await storage.get('../escape.jpg')).toBeNull()
    storage.destroy()
  })

  it('a store that cannot be reached is an error, never a missing photo', async () => {
    const storage = createS3PhotoStorage({ ...s3.config, bucket: 'no-such-bucket' })
    await expect(storage.get('abc123.jpg')).rejects.toThrow()
    storage.destroy()
  })
})

describe('photo store settings', () => {
  it('the bucket when XIANGJI_S3_BUCKET and its keys are set, the data folder otherwise', () => {
    expect(readConfig(env({})).photoStore).toEqual({ s3: null, urlPrefix: undefined })
    expect(readConfig(env({ ...s3.env })).photoStore.s3).toEqual(s3.config)
  })

  it('refuses a half-filled S3 setting or a bad URL at start, with the variable named', () => {
    expect(() => readConfig(env({ XIANGJI_S3_BUCKET: 'photos' }))).toThrow(/XIANGJI_S3_ACCESS_KEY_ID, XIANGJI_S3_SECRET_ACCESS_KEY missing/)
    expect(() => readConfig(env({ XIANGJI_S3_ENDPOINT: 'http://127.0.0.1:9000' }))).toThrow(/XIANGJI_S3_BUCKET/)
    expect(() => readConfig(env({ ...s3.env, XIANGJI_S3_ENDPOINT: 'oss-cn-beijing' }))).toThrow(/XIANGJI_S3_ENDPOINT must be an http\(s\) URL/)
    expect(() => readConfig(env({ XIANGJI_PHOTO_URL_PREFIX: 'cdn.example.cn' }))).toThrow(/XIANGJI_PHOTO_URL_PREFIX/)
    expect(() => readConfig(env({ WEB_CONCURRENCY: 'two' }))).toThrow(/WEB_CONCURRENCY/)
  })

  it('with a CDN prefix, photo URLs point at it', () => {
    const storage = openPhotoStorage(readConfig(env({ ...s3.env, XIANGJI_PHOTO_URL_PREFIX: 'https://cdn.example.cn/photos/' })))
    expect(storage.pathFor('abc123.jpg')).toBe('https://cdn.example.cn/photos/abc123.jpg')
    storage.close()
  })
})

describe.each(DATABASES)('photos in S3 through the app on %s', (dialect) => {
  let t: TestApp
  let token: string
  const storage = () => createS3PhotoStorage(s3.config)
  let store: ReturnType<typeof storage>

  beforeAll(async () => {
    store = storage()
    t = await createTestApp(dialect, { storage: store })
    token = await signInAs(t.app, 'wang-jianguo')
  })
  afterAll(async () => {
    await t.close()
    store.destroy()
  })

  it('an uploaded photo goes to the bucket and is served from it at /photos/<key>', async () => {
    const form = photoForm(await photo(800, 600).jpeg().toBuffer())
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...form.headers, ...bearer(token) }, payload: form.payload })
    expect(uploaded.statusCode).toBe(201)
    const { url, thumbUrl } = uploaded.json()
    const key = new URL(url).pathname.replace('/photos/', '')
    // In the bucket, where another machine finds it.
    expect(await createS3PhotoStorage(s3.config).get(key)).not.toBeNull()

    for (const link of [url, thumbUrl]) {
      const served = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
      expect(served.statusCode).toBe(200)
      expect(served.headers['cache-control']).toMatch(/max-age=31536000/)
      expect((await sharp(served.rawPayload).metadata()).format).toBe('jpeg')
    }
    expect((await t.app.inject({ method: 'GET', url: '/photos/not-there.jpg' })).statusCode).toBe(404)
  })
})
