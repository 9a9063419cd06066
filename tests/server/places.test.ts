import { seedId } from '../../server/ids'
import { DATABASES, createTestApp, type TestApp } from './support/test-app'

describe.each(DATABASES)('places and the API document on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(() => t.close())
  const countyId = seedId('cty', 'horinger')

  it('lists the county, its villages and its pickup point', async () => {
    const counties = (await t.app.inject({ url: '/api/v1/counties' })).json()
    expect(counties).toEqual({ items: [{ id: countyId, name: '和林格尔县' }], nextCursor: null })

    const villages = (await t.app.inject({ url: `/api/v1/villages?countyId=${countyId}` })).json().items
    expect(villages.length).toBeGreaterThanOrEqual(5)
    expect(villages.every((v: any) => v.countyId === countyId && v.serviceCenterAddress.length > 0)).toBe(true)
    expect((await t.app.inject({ url: '/api/v1/villages?countyId=cty_other' })).json().items).toEqual([])

    const points = (await t.app.inject({ url: `/api/v1/pickup-points?countyId=${countyId}` })).json().items
    expect(points).toHaveLength(1)
    expect(points[0]).toMatchObject({ countyId, name: expect.stringContaining('服务中心'), openingHours: { opens: '08:30', closes: '18:00', closedWeekdays: [] } })
  })

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\./)
    const paths = Object.keys(doc.paths)
    for (const path of ['/auth/wechat', '/auth/dev/users', '/auth/dev', '/auth/logout', '/me', '/counties', '/villages', '/pickup-points', '/listings', '/listings/{id}', '/listings/{id}/approve', '/listings/{id}/reject', '/listings/{id}/withdraw', '/listings/{id}/history', '/review-queue', '/my/listings', '/farmers', '/orders/quote', '/orders', '/orders/{id}', '/orders/{id}/cancel', '/orders/{id}/payments', '/payments/sandbox/{paymentId}/confirm']) {
      expect(paths).toContain(`/api/v1${path}`)
    }
    const listQuery = doc.paths['/api/v1/listings'].get.parameters.map((p: any) => p.name)
    expect(listQuery).toEqual(expect.arrayContaining(['category', 'q', 'villageId', 'countyId', 'limit', 'cursor']))
    expect(doc.paths['/api/v1/listings'].get.parameters.find((p: any) => p.name === 'limit').schema.maximum).toBe(100)
    expect(Object.keys(doc.paths['/api/v1/listings'])).toEqual(expect.arrayContaining(['get', 'post']))
    expect(doc.paths['/api/v1/listings/{id}'].patch).toBeDefined()
  })
})
