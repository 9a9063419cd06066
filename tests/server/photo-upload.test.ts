import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { MAX_PHOTO_PIXELS } from '../../server/services/photos/photo-processing'
import { multipartForm, photoForm } from './support/multipart'
import { blackPng, elevenMegabytes, GPS_DATUM, htmlPage, jpegWithGps, photo, sidewaysJpeg, svgWithScript, textNote, truncatedJpeg } from './support/photo-fixtures'
import { DATABASES, bearer, createTestApp, demoUserId, signInAs, type TestApp } from './support/test-app'

/* Listing by photo: POST /photos on SQLite and PostgreSQL. A photo is judged by its bytes, not
   its name; what is stored is re-encoded, upright and without EXIF (a farmer's GPS position
   must not reach buyers); and a refused upload leaves nothing behind, neither a row nor a file. */

describe.each(DATABASES)('photo upload on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['wang-jianguo', 'op-shebiya', 'buyer-chenxiao', 'staff-gao', 'admin']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t.close())

  const post = (form: { payload: Buffer; headers: Record<string, string> }, key: string | null = 'wang-jianguo') =>
    t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...form.headers, ...(key ? bearer(tokens[key]) : {}) }, payload: form.payload })
  const upload = (bytes: Buffer, filename = 'IMG_0001.jpg', contentType = 'image/jpeg', key: string | null = 'wang-jianguo') =>
    post(photoForm(bytes, filename, contentType), key)

  /** Photo rows and stored files: a refused upload must change neither. */
  async function stored() {
    const { n } = await t.database.db.selectFrom('photos').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { rows: Number(n), files: fs.readdirSync(path.join(t.config.dataDir, 'photos')).length }
  }

  async function fetchStored(url: string) {
    const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname })
    expect(response.statusCode).toBe(200)
    return { bytes: response.rawPayload, headers: response.headers }
  }

  async function uploadedRow(id: string) {
    return t.database.db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  }

  describe('accepts JPEG, PNG and WebP and stores a clean JPEG with a smaller thumbnail', () => {
    it.each([
      ['JPEG', () => photo(2400, 1600).jpeg().toBuffer(), 'image/jpeg', [1600, 1067]],
      ['PNG', () => photo(1200, 800).png().toBuffer(), 'image/png', [1200, 800]],
      ['WebP', () => photo(800, 600).webp().toBuffer(), 'image/webp', [800, 600]],
    ] as const)('%s', async (_name, make, contentType, [width, height]) => {
      const before = await stored()
      const response = await upload(await make(), 'from-phone.bin', contentType)
      expect(response.statusCode).toBe(201)
      const body = response.json()
      expect(body).toEqual({ id: expect.any(String), url: expect.stringMatching(/^https?:\/\/[^/]+\/photos\//), thumbUrl: expect.stringMatching(/^https?:\/\/[^/]+\/photos\//), width, height })

      const full = await fetchStored(body.url)
      expect(full.headers['cache-control']).toMatch(/max-age=31536000/)
      const fullMeta = await sharp(full.bytes).metadata()
      expect(fullMeta).toMatchObject({ format: 'jpeg', width, height })
      expect(fullMeta.exif).toBeUndefined()

      const thumb = await fetchStored(body.thumbUrl)
      const thumbMeta = await sharp(thumb.bytes).metadata()
      expect(thumbMeta.format).toBe('jpeg')
      expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(400)
      expect(thumb.bytes.length).toBeLessThan(full.bytes.length)

      expect(await uploadedRow(body.id)).toMatchObject({ uploadedBy: demoUserId('wang-jianguo'), width, height })
      expect(await stored()).toEqual({ rows: before.rows + 1, files: before.files + 2 })
    })
  })

  describe('refuses what is not a JPEG, PNG or WebP photo, whatever its name and declared type (415)', () => {
    it.each([
      ['a text file named .jpg', textNote, 'note.jpg', 'image/jpeg'],
      ['an SVG with a <script> named .jpg', svgWithScript, 'lamb.jpg', 'image/jpeg'],
      ['an HTML page named .jpg', htmlPage, 'lamb.jpg', 'image/jpeg'],
      ['a GIF declared as PNG', () => photo(40, 30).gif().toBuffer(), 'lamb.png', 'image/png'],
    ] as const)('%s', async (_name, make, filename, contentType) => {
      const before = await stored()
      const response = await upload(await make(), filename, contentType)
      expect(response.statusCode).toBe(415)
      expect(response.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { file: expect.any(String) } })
      expect(await stored()).toEqual(before)
    })
  })

  it('refuses a file over 10 MB (413), and keeps nothing of it', async () => {
    const before = await stored()
    const response = await upload(elevenMegabytes())
    expect(response.statusCode).toBe(413)
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 10 * 1024 * 1024 } })
    expect(await stored()).toEqual(before)
  })

  it('refuses a decompression bomb (a small 30000×30000 PNG) from its header (413), storing nothing', async () => {
    const bomb = await blackPng(30000, 30000)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ format: 'png', width: 30000, height: 30000 })
    const before = await stored()
    const response = await upload(bomb, 'field.png', 'image/png')
    expect(response.statusCode).toBe(413)
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { pixels: 900_000_000, maxPixels: MAX_PHOTO_PIXELS } })
    expect(response.json().error.details.file).toContain('900000000')
    expect(await stored()).toEqual(before)
  })

  it('answers a truncated JPEG with 400, never a 500, and stores nothing', async () => {
    const before = await stored()
    const response = await upload(await truncatedJpeg())
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { file: 'the image cannot be read' } })
    expect(await stored()).toEqual(before)
  })

  it('strips all EXIF, GPS included, from the stored photo and its thumbnail', async () => {
    const input = await jpegWithGps()
    const exif = (await sharp(input).metadata()).exif
    // The input really carries a GPS directory: its pointer tag 0x8825 (little-endian) and the datum.
    expect(exif).toBeDefined()
    expect(exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true)
    expect(input.includes(Buffer.from(GPS_DATUM))).toBe(true)

    const response = await upload(input)
    expect(response.statusCode).toBe(201)
    for (const url of [response.json().url, response.json().thumbUrl]) {
      const { bytes } = await fetchStored(url)
      expect((await sharp(bytes).metadata()).exif).toBeUndefined()
      expect(bytes.includes(Buffer.from(GPS_DATUM))).toBe(false)
      expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
      expect(bytes.includes(Buffer.from('Xiangji Test Phone'))).toBe(false)
    }
  })

  it('turns a photo upright by its EXIF orientation: 400×200 pixels marked orientation 6 is stored 200×400', async () => {
    const input = await sidewaysJpeg()
    expect(await sharp(input).metadata()).toMatchObject({ width: 400, height: 200, orientation: 6 })
    const response = await upload(input)
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 200, height: 400 })
    const meta = await sharp((await fetchStored(response.json().url)).bytes).metadata()
    expect([meta.width, meta.height]).toEqual([200, 400])
    expect(meta.orientation).toBeUndefined()
  })

  describe('who may upload', () => {
    it.each([
      ['anonymous', null, 401, 'UNAUTHENTICATED'],
      ['an admin', 'admin', 403, 'FORBIDDEN'],
    ] as const)('not %s', async (_who, key, status, code) => {
      const before = await stored()
      const response = await upload(await photo(64, 48).jpeg().toBuffer(), 'a.jpg', 'image/jpeg', key)
      expect(response.statusCode).toBe(status)
      expect(response.json().error.code).toBe(code)
      expect(await stored()).toEqual(before)
    })

    // Buyers and county staff photograph a problem with the goods (an after-sale case).
    it.each([['a farmer', 'wang-jianguo'], ['an operator', 'op-shebiya'], ['a buyer', 'buyer-chenxiao'], ['county staff', 'staff-gao']])('%s, recorded as the uploader', async (_who, key) => {
      const response = await upload(await photo(64, 48).jpeg().toBuffer(), 'a.jpg', 'image/jpeg', key)
      expect(response.statusCode).toBe(201)
      expect((await uploadedRow(response.json().id)).uploadedBy).toBe(demoUserId(key))
    })
  })

  describe('takes exactly one file, in the field "file"', () => {
    let jpeg: Buffer
    beforeAll(async () => {
      jpeg = await photo(64, 48).jpeg().toBuffer()
    })

    it.each([
      ['no file, only a text field', () => multipartForm([{ name: 'caption', data: '羔羊' }]), { caption: 'unknown field', file: 'is required' }],
      ['the file under another name', () => multipartForm([{ name: 'photo', filename: 'a.jpg', contentType: 'image/jpeg', data: jpeg }]), { photo: 'unknown field' }],
      ['"file" as a text field', () => multipartForm([{ name: 'file', data: 'not a file' }]), { file: expect.stringMatching(/file/) }],
      ['an empty form', () => multipartForm([]), { file: 'is required' }],
      ['an empty file', () => multipartForm([{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: Buffer.alloc(0) }]), { file: 'is empty' }],
      ['two files', () => multipartForm([{ name: 'file', filename: 'a.jpg', data: jpeg }, { name: 'file', filename: 'b.jpg', data: jpeg }]), { body: expect.stringMatching(/exactly one/) }],
      ['the file and an extra field', () => multipartForm([{ name: 'file', filename: 'a.jpg', data: jpeg }, { name: 'priceFen', data: '1' }]), { body: expect.stringMatching(/exactly one/) }],
      ['a multipart type without a boundary', () => ({ payload: Buffer.from('whatever'), headers: { 'content-type': 'multipart/form-data' } }), { body: expect.any(String) }],
    ])('refuses %s (400)', async (_name, form, details) => {
      const before = await stored()
      const response = await post(form())
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details })
      expect(await stored()).toEqual(before)
    })

    it('refuses any body that is not multipart (415): JSON, even one shaped like the form, text, none', async () => {
      const headers = bearer(tokens['wang-jianguo'])
      const before = await stored()
      for (const request of [
        { headers, payload: {} },
        { headers, payload: { file: jpeg.toString('base64') } },
        { headers: { ...headers, 'content-type': 'text/plain' }, payload: 'hello' },
        { headers },
      ]) {
        const response = await t.app.inject({ method: 'POST', url: '/api/v1/photos', ...request })
        expect(response.statusCode).toBe(415)
        expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
      }
      expect(await stored()).toEqual(before)
    })
  })

  it('takes the same photo sent twice at once (a double tap, a retry after a lost answer): 30 pairs, every answer 201', async () => {
    const bytes = await photo(640, 480).jpeg().toBuffer()
    for (let pair = 0; pair < 30; pair++) {
      const answers = await Promise.all([upload(bytes), upload(bytes)])
      expect(answers.map((r) => r.statusCode)).toEqual([201, 201])
      const [a, b] = answers.map((r) => r.json())
      expect(a.url).toBe(b.url)
      expect((await fetchStored(a.url)).bytes.length).toBe((await uploadedRow(a.id)).bytes)
    }
    // Nothing half-written is left beside the photos.
    expect(fs.readdirSync(path.join(t.config.dataDir, 'photos')).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('is listed in the OpenAPI document as a multipart upload answering a photo', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    const operation = spec.paths['/api/v1/photos']?.post
    expect(operation).toBeDefined()
    expect(Object.keys(operation.requestBody.content)).toEqual(['multipart/form-data'])
    expect(operation.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' })
    expect(operation.responses['201'].content['application/json'].schema.properties).toHaveProperty('thumbUrl')
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403', '413', '415']))
  })
})
