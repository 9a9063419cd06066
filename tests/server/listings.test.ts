import { seedId } from '../../server/ids'
import { lambFields, photoUploadedBy } from './support/listing-fixtures'
import { DATABASES, bearer, createTestApp, signInAs, type TestApp } from './support/test-app'

/* Listing by photo and its review, on SQLite and PostgreSQL: who may do what, every allowed
   and refused transition, mass assignment refused, and the recorded history. */

describe.each(DATABASES)('listings and their review on %s', (dialect) => {
  let t: TestApp
  const tokens: Record<string, string> = {}
  const as = (key: string) => bearer(tokens[key])
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key?: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: key ? as(key) : {}, ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    t = await createTestApp(dialect)
    for (const key of ['wang-jianguo', 'li-xiuying', 'op-shebiya', 'op-xindianzi', 'buyer-chenxiao', 'staff-gao']) tokens[key] = await signInAs(t.app, key)
  })
  afterAll(() => t.close())

  async function farmerListing(key = 'wang-jianguo') {
    const response = await call('POST', '/listings', key, lambFields([await photoUploadedBy(t, key), await photoUploadedBy(t, key)]))
    expect(response.statusCode).toBe(201)
    return response.json()
  }

  it('a farmer lists for review; the listing is theirs, with photos in order, and not in the catalog', async () => {
    const photos = [await photoUploadedBy(t, 'wang-jianguo'), await photoUploadedBy(t, 'wang-jianguo')]
    const response = await call('POST', '/listings', 'wang-jianguo', lambFields(photos))
    expect(response.statusCode).toBe(201)
    const listing = response.json()
    expect(listing).toMatchObject({ status: 'pending_review', priceFen: 6800, farmer: { id: seedId('frm', 'wang-jianguo') }, village: { id: seedId('vil', 'shebiya') } })
    expect(listing.listedBy).toBeUndefined()
    expect(listing.photos.map((p: any) => p.id)).toEqual(photos)
    const catalog = (await call('GET', '/listings?limit=100')).json().items.map((l: any) => l.id)
    expect(catalog).not.toContain(listing.id)
    expect((await call('GET', '/my/listings?limit=100', 'wang-jianguo')).json().items.map((l: any) => l.id)).toContain(listing.id)
  })

  it('an operator lists for a farmer of the village: live at once, recorded as listed by the operator', async () => {
    const response = await call('POST', '/listings', 'op-shebiya', { ...lambFields([await photoUploadedBy(t, 'op-shebiya')]), farmerId: seedId('frm', 'zhang-erniu') })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ status: 'live', farmer: { name: '张二牛' }, listedBy: { id: seedId('usr', 'op-shebiya') } })
    // …but not for a farmer of another village, who does not exist as far as this operator knows.
    const other = await call('POST', '/listings', 'op-shebiya', { ...lambFields([await photoUploadedBy(t, 'op-shebiya')]), farmerId: seedId('frm', 'liu-guilan') })
    expect(other.statusCode).toBe(404)
    const missing = await call('POST', '/listings', 'op-shebiya', lambFields([await photoUploadedBy(t, 'op-shebiya')]))
    expect(missing.statusCode).toBe(400)
  })

  it('refuses mass assignment: status, village, price on approve, a farmer listing for another farmer', async () => {
    const photo = await photoUploadedBy(t, 'wang-jianguo')
    for (const extra of [{ status: 'live' }, { villageId: seedId('vil', 'xindianzi') }, { listedByUserId: 'usr_x' }, { soldOut: false }]) {
      const response = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([photo]), ...extra })
      expect(response.statusCode).toBe(400)
      expect(Object.values(response.json().error.details)).toContain('unknown field')
    }
    const farmerForOther = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([photo]), farmerId: seedId('frm', 'zhang-erniu') })
    expect(farmerForOther.statusCode).toBe(400)
    const listing = await farmerListing()
    const approveWithPrice = await call('POST', `/listings/${listing.id}/approve`, 'op-shebiya', { priceFen: 1 })
    expect(approveWithPrice.statusCode).toBe(400)
    const editStatus = await call('PATCH', `/listings/${listing.id}`, 'wang-jianguo', { status: 'live' })
    expect(editStatus.statusCode).toBe(400)
    expect((await call('GET', `/listings/${listing.id}`, 'wang-jianguo')).json()).toMatchObject({ status: 'pending_review', priceFen: 6800 })
  })

  it('refuses bad fields with each one named, and photos that are not the lister’s own', async () => {
    const response = await call('POST', '/listings', 'wang-jianguo', { ...lambFields([]), title: '', priceFen: 12.5, stock: -1, category: 'fish', unit: 'ton' })
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.details)).toEqual(expect.arrayContaining(['title', 'priceFen', 'stock', 'category', 'unit', 'photoIds']))
    const someoneElses = await call('POST', '/listings', 'wang-jianguo', lambFields([await photoUploadedBy(t, 'li-xiuying')]))
    expect(someoneElses.statusCode).toBe(400)
    expect(someoneElses.json().error.details).toHaveProperty('photoIds')
    const tooMany = await call('POST', '/listings', 'wang-jianguo', lambFields(Array.from({ length: 10 }, (_, i) => `pho_${i}`)))
    expect(tooMany.statusCode).toBe(400)
  })

  it('takes a listing through review: reject with a reason, edit, resubmit, approve, withdraw; history records each step', async () => {
    const listing = await farmerListing()
    const rejected = await call('POST', `/listings/${listing.id}/reject`, 'op-shebiya', { reason: '照片不清楚' })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: '照片不清楚' })
    expect((await call('GET', `/listings/${listing.id}`, 'wang-jianguo')).json().rejectionReason).toBe('照片不清楚')

    const edited = await call('PATCH', `/listings/${listing.id}`, 'wang-jianguo', { priceFen: 6500, title: '羔羊肉 羊排（新拍）' })
    expect(edited.json()).toMatchObject({ status: 'pending_review', priceFen: 6500, title: '羔羊肉 羊排（新拍）' })
    expect(edited.json().rejectionReason).toBeUndefined()

    const queue = (await call('GET', '/review-queue?limit=100', 'op-shebiya')).json().items.map((l: any) => l.id)
    expect(queue).toContain(listing.id)
    expect((await call('GET', '/review-queue?limit=100', 'op-xindianzi')).json().items.map((l: any) => l.id)).not.toContain(listing.id)

    expect((await call('POST', `/listings/${listing.id}/approve`, 'op-shebiya')).json().status).toBe('live')
    expect((await call('GET', '/listings?limit=100')).json().items.map((l: any) => l.id)).toContain(listing.id)

    // A farmer's edit of a live listing sends it back to review.
    expect((await call('PATCH', `/listings/${listing.id}`, 'wang-jianguo', { stock: 5 })).json().status).toBe('pending_review')
    expect((await call('POST', `/listings/${listing.id}/approve`, 'op-shebiya')).json().status).toBe('live')
    expect((await call('POST', `/listings/${listing.id}/withdraw`, 'wang-jianguo')).json().status).toBe('withdrawn')

    const history = (await call('GET', `/listings/${listing.id}/history`, 'op-shebiya')).json().items
    expect(history.map((e: any) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'pending_review'],
      ['rejected', 'pending_review', 'rejected'],
      ['edited', 'rejected', 'pending_review'],
      ['approved', 'pending_review', 'live'],
      ['edited', 'live', 'pending_review'],
      ['approved', 'pending_review', 'live'],
      ['withdrawn', 'live', 'withdrawn'],
    ])
    expect(history[1]).toMatchObject({ reason: '照片不清楚', actor: { id: seedId('usr', 'op-shebiya') } })
    expect(history[2].changedFields.sort()).toEqual(['priceFen', 'title'])
    expect((await call('GET', `/listings/${listing.id}/history`, 'wang-jianguo')).statusCode).toBe(200)
  })

  it('refuses each transition the state machine does not allow with 409, changing nothing', async () => {
    const listing = await farmerListing()
    await call('POST', `/listings/${listing.id}/approve`, 'op-shebiya')
    const refusals: [string, string, object?][] = [
      ['approve', 'op-shebiya'], // already live
      ['reject', 'op-shebiya', { reason: '太晚了' }], // live: only listings under review are rejected
    ]
    for (const [action, key, body] of refusals) {
      const response = await call('POST', `/listings/${listing.id}/${action}`, key, body)
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('INVALID_TRANSITION')
    }
    await call('POST', `/listings/${listing.id}/withdraw`, 'op-shebiya')
    for (const [method, url, body] of [
      ['POST', 'withdraw', undefined],
      ['POST', 'approve', undefined],
      ['POST', 'reject', { reason: 'x' }],
      ['PATCH', '', { stock: 1 }],
    ] as const) {
      const response = await call(method, `/listings/${listing.id}${url ? `/${url}` : ''}`, 'op-shebiya', body)
      expect(response.statusCode).toBe(409)
    }
    expect((await call('GET', `/listings/${listing.id}`, 'wang-jianguo')).json().status).toBe('withdrawn')
    expect((await call('GET', `/listings/${listing.id}/history`, 'wang-jianguo')).json().items).toHaveLength(3)
  })

  it('lets exactly one of two racing reviews win', async () => {
    const listing = await farmerListing()
    const [a, b] = await Promise.all([
      call('POST', `/listings/${listing.id}/approve`, 'op-shebiya'),
      call('POST', `/listings/${listing.id}/reject`, 'op-shebiya', { reason: '重复' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    expect((await call('GET', `/listings/${listing.id}/history`, 'op-shebiya')).json().items).toHaveLength(2)
  })

  describe('who may touch a listing', () => {
    // A listing of village 舍必崖 by 王建国, under review, and one that is live.
    let pending: string
    let live: string
    beforeAll(async () => {
      pending = (await farmerListing()).id
      live = (await farmerListing()).id
      await call('POST', `/listings/${live}/approve`, 'op-shebiya')
    })

    const attempts = (id: string): [string, 'GET' | 'POST' | 'PATCH', string, object?][] => [
      ['read', 'GET', `/listings/${id}`],
      ['edit', 'PATCH', `/listings/${id}`, { stock: 3 }],
      ['approve', 'POST', `/listings/${id}/approve`],
      ['reject', 'POST', `/listings/${id}/reject`, { reason: '不行' }],
      ['withdraw', 'POST', `/listings/${id}/withdraw`],
      ['history', 'GET', `/listings/${id}/history`],
    ]

    /* The rule: a role that may never do this gets 401/403 whatever the listing (that leaks
       nothing); a role that may, but not on this listing, gets 404 when the listing is hidden
       from them, 403 when it is live and public anyway. History is never public: 404. */
    function expected(key: string | undefined, what: string, isLive: boolean): number {
      if (what === 'read') return isLive ? 200 : 404
      if (key === undefined) return 401
      const roleMay = key.startsWith('op-') || (key === 'li-xiuying' && !['approve', 'reject'].includes(what))
      if (!roleMay) return 403
      if (what === 'history') return 404
      return isLive ? 403 : 404
    }

    for (const state of ['under review', 'live'] as const) {
      it(`answers others by that rule for a listing ${state}, and changes nothing`, async () => {
        const id = state === 'live' ? live : pending
        for (const key of ['li-xiuying', 'op-xindianzi', 'buyer-chenxiao', 'staff-gao', undefined]) {
          for (const [what, method, url, body] of attempts(id)) {
            const response = await call(method, url, key, body)
            expect({ key, what, status: response.statusCode }).toEqual({ key, what, status: expected(key, what, state === 'live') })
          }
        }
        const now = (await call('GET', `/listings/${id}`, 'wang-jianguo')).json()
        expect(now).toMatchObject({ status: state === 'live' ? 'live' : 'pending_review', stock: 20 })
        expect((await call('GET', `/listings/${id}/history`, 'wang-jianguo')).json().items).toHaveLength(state === 'live' ? 2 : 1)
      })
    }

    it('keeps review queue, my listings and farmers to their roles', async () => {
      expect((await call('GET', '/review-queue', 'wang-jianguo')).statusCode).toBe(403)
      expect((await call('GET', '/review-queue', 'buyer-chenxiao')).statusCode).toBe(403)
      expect((await call('GET', '/review-queue')).statusCode).toBe(401)
      expect((await call('GET', '/my/listings', 'op-shebiya')).statusCode).toBe(403)
      expect((await call('GET', '/farmers', 'wang-jianguo')).statusCode).toBe(403)
      expect((await call('POST', '/farmers', 'buyer-chenxiao', { name: '某人' })).statusCode).toBe(403)
      expect((await call('GET', '/farmers')).statusCode).toBe(401)
    })
  })

  it('lets an operator add a farmer without a phone, listed among the village’s farmers', async () => {
    const added = await call('POST', '/farmers', 'op-xindianzi', { name: '贺老汉' })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ name: '贺老汉', phone: null, villageId: seedId('vil', 'xindianzi'), hasAccount: false })
    const farmers = (await call('GET', '/farmers', 'op-xindianzi')).json().items
    expect(farmers.map((f: any) => f.name)).toEqual(expect.arrayContaining(['贺老汉', '李秀英']))
    expect(farmers.find((f: any) => f.name === '李秀英').hasAccount).toBe(true)
    expect((await call('GET', '/farmers', 'op-shebiya')).json().items.map((f: any) => f.name)).not.toContain('贺老汉')
    for (const body of [{ name: '' }, { name: '   ' }, { name: '张三', phone: '12345' }, { name: '张三', villageId: seedId('vil', 'shebiya') }]) {
      expect((await call('POST', '/farmers', 'op-xindianzi', body)).statusCode).toBe(400)
    }
  })
})
