import { addChinaDays, chinaDate, chinaInstant, clockTimeToMinutes } from '../../src/domain/china-time'
import { type PickupCast, signInCast, twoParcelOrder } from './support/order-fixtures'
import { bearer, createTestApp, DATABASES, type TestApp } from './support/test-app'

/* Without `date`, the village's parcels and the county's manifest open on the run that matters
   (src/domain/default-run.ts), at 08:00, 17:00 and 23:30 China time, on SQLite and PostgreSQL.
   The demo county: cut-off 16:00, the run leaves the villages at 08:00 and takes 2.5 h. */

describe.each(DATABASES)('the default collection run on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast
  // A day a little ahead, so that nothing of the real clock's today is in the way.
  const D = addChinaDays(chinaDate(new Date()), 3)
  const day = (n: number) => addChinaDays(D, n)
  const at = (n: number, time: string) => t.setNow(chinaInstant(day(n), clockTimeToMinutes(time)).toISOString())

  beforeAll(async () => {
    t = await createTestApp(dialect)
    at(0, '15:00')
    cast = await signInCast(t)
  })
  afterAll(() => t?.close())

  const get = async (token: string, url: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    return response.json()
  }
  const post = (token: string, url: string) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token), payload: {} })
  const villageRun = async () => {
    const page = await get(cast.shebiya, '/village/parcels')
    return { date: page.date as string, ids: page.items.map((p: any) => p.id) as string[] }
  }
  const manifestRun = async () => {
    const page = await get(cast.staff, '/county/manifest')
    return { date: page.date as string, ids: page.villages.flatMap((v: any) => v.parcels.map((p: any) => p.id)) as string[] }
  }

  it('opens each page on the run that matters, morning, evening and night', async () => {
    const a = await twoParcelOrder(t, cast) // paid at 15:00: tomorrow's run
    expect(a.date).toBe(day(1))
    at(0, '17:00')
    const b = await twoParcelOrder(t, cast) // paid after the cut-off: the day after tomorrow
    expect(b.date).toBe(day(2))

    // 17:00: today's run has left; tomorrow's has parcels to fetch. Nothing is on its way yet.
    expect(await villageRun()).toEqual({ date: day(1), ids: [a.lamb.id] })
    expect(await manifestRun()).toEqual({ date: day(0), ids: [] })

    // 08:00 next day: today's run is loading with a parcel still to record.
    at(1, '08:00')
    expect(await villageRun()).toEqual({ date: day(1), ids: [a.lamb.id] })
    expect((await manifestRun()).date).toBe(day(1))
    await post(cast.shebiya, `/parcels/${a.lamb.id}/collect`)
    await post(cast.xindianzi, `/parcels/${a.milk.id}/collect`)
    // All of today's is on board: the next run with work is the day after.
    expect(await villageRun()).toEqual({ date: day(2), ids: [b.lamb.id] })
    expect(await manifestRun()).toEqual({ date: day(1), ids: expect.arrayContaining([a.lamb.id, a.milk.id]) })

    // 17:00: the county still waits for this morning's parcels until it receives them.
    at(1, '17:00')
    expect((await villageRun()).date).toBe(day(2))
    expect((await manifestRun()).date).toBe(day(1))
    await post(cast.staff, `/parcels/${a.lamb.id}/receive`)
    await post(cast.staff, `/parcels/${a.milk.id}/receive`)
    expect((await manifestRun()).date).toBe(day(1)) // nothing on its way: today's
    await post(cast.shebiya, `/parcels/${b.lamb.id}/collect`)
    expect((await manifestRun()).date).toBe(day(2))

    // 23:30: an order paid now travels the day after tomorrow, the village's next work.
    at(1, '23:30')
    const c = await twoParcelOrder(t, cast)
    expect(c.date).toBe(day(3))
    expect(await villageRun()).toEqual({ date: day(3), ids: [c.lamb.id] })
    expect((await manifestRun()).date).toBe(day(2))
    // An explicit date is answered as asked.
    expect((await get(cast.shebiya, `/village/parcels?date=${day(1)}`)).date).toBe(day(1))
  })

  it('opens the village on tomorrow’s run when nothing waits', async () => {
    at(5, '08:00')
    expect(await get(cast.xindianzi, '/village/parcels')).toMatchObject({ date: day(6), items: [] })
  })
})
