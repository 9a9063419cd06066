import { seedId } from '../../server/ids'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

/* A listing request sent again because its answer was lost on village 3G: on SQLite and
   PostgreSQL, the retry is answered with the listing the first try made, never a second one,
   however many copies arrive at once; a request that differs is a new listing. */

describe.each(DATABASES)('a listing request sent again on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}
  const post = (key: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/listings', headers: bearer(tokens[key]), payload })
  const get = (key: string, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(tokens[key]) })
  const myListingsWith = async (key: string, photoId: string) =>
    (await get(key, '/my/listings?limit=100')).json().items.filter((l: any) => l.photos.some((p: any) => p.id === photoId))

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['wang-jianguo', 'op-shebiya']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t.close())

  it('answers the farmer’s retry with the listing the first try made: one listing, one history entry', async () => {
    const photos = [await photoUploadedBy(t, 'wang-jianguo'), await photoUploadedBy(t, 'wang-jianguo')]
    const first = await post('wang-jianguo', lambFields(photos))
    expect(first.statusCode).toBe(201)
    const retry = await post('wang-jianguo', lambFields(photos))
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(await myListingsWith('wang-jianguo', photos[0])).toHaveLength(1)
    const history = (await get('wang-jianguo', `/listings/${first.json().id}/history`)).json().items
    expect(history.map((e: any) => e.action)).toEqual(['created'])
  })

  it('makes one listing of five copies arriving at once', async () => {
    const photos = [await photoUploadedBy(t, 'wang-jianguo')]
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('wang-jianguo', lambFields(photos))))
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1)
    expect(await myListingsWith('wang-jianguo', photos[0])).toHaveLength(1)
  })

  it('answers the cun xiao’er’s retry of a listing for a farmer without a phone the same way', async () => {
    const body = { ...lambFields([await photoUploadedBy(t, 'op-shebiya')]), farmerId: seedId('frm', 'zhang-erniu') }
    const first = await post('op-shebiya', body)
    const retry = await post('op-shebiya', body)
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201])
    expect(retry.json().id).toBe(first.json().id)
  })

  it('makes a new listing of a request that differs, follows a withdrawal, or comes a day later', async () => {
    const photos = [await photoUploadedBy(t, 'wang-jianguo')]
    const first = (await post('wang-jianguo', lambFields(photos))).json()
    const cheaper = await post('wang-jianguo', { ...lambFields(photos), priceFen: 6500 })
    expect(cheaper.statusCode).toBe(201)
    expect(cheaper.json().id).not.toBe(first.id)
    const reordered = [await photoUploadedBy(t, 'wang-jianguo'), photos[0]]
    const other = await post('wang-jianguo', lambFields(reordered))
    expect(other.json().id).not.toBe(first.id)
    // Withdrawn on purpose, then listed again with the same photos: a new listing, not the withdrawn one.
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/listings/${cheaper.json().id}/withdraw`, headers: bearer(tokens['wang-jianguo']), payload: {} })
    expect(withdrawn.statusCode).toBe(200)
    const relisted = await post('wang-jianguo', { ...lambFields(photos), priceFen: 6500 })
    expect(relisted.statusCode).toBe(201)
    expect(relisted.json()).toMatchObject({ status: 'pending_review' })
    expect(relisted.json().id).not.toBe(cheaper.json().id)
    t.advance(24 * 3600_000 + 1000)
    try {
      const dayLater = await post('wang-jianguo', lambFields(photos))
      expect(dayLater.statusCode).toBe(201)
      expect(dayLater.json().id).not.toBe(first.id)
    } finally {
      t.advance(-(24 * 3600_000 + 1000))
    }
  })
})
