import { readyOrder, signInCast, twoParcelOrder, type PickupCast } from './support/order-fixtures'
import { secondStaff } from './support/staff-fixtures'
import { bearer, createTestApp, DATABASES, type TestApp } from './support/test-app'

/* The pickup desk against guessing, on SQLite and PostgreSQL: a typed code says only "waiting
   here" or "not" (a code of an order still on its way is a wrong code, and counted), and the
   center-wide limit shuts typing without stopping a desk that scans a buyer's QR code. */

const WINDOW_MS = 15 * 60_000

describe.each(DATABASES)('guessing at the pickup desk on %s', (dialect) => {
  let t: TestApp
  let cast: PickupCast

  beforeAll(async () => {
    t = await createTestApp(dialect)
    cast = await signInCast(t)
  })
  // Each test starts with the wrong tries of the ones before out of the window.
  beforeEach(() => t.advance(WINDOW_MS + 60_000))
  afterAll(() => t?.close())

  const verify = (token: string, payload: { code: string; orderId?: string }) => t.app.inject({ method: 'POST', url: '/api/v1/pickups/verify', headers: bearer(token), payload })
  const otherThan = (code: string) => (code === '000000' ? '000001' : '000000')

  it('answers a typed code of an order not yet arrived exactly as a wrong code, and counts it', async () => {
    const { order } = await twoParcelOrder(t, cast)
    const desk = await secondStaff(t)
    const onItsWay = await verify(desk, { code: order.pickupCode })
    const wrong = await verify(desk, { code: otherThan(order.pickupCode) })
    expect(onItsWay.statusCode).toBe(404)
    expect(onItsWay.json()).toEqual(wrong.json())
    // Both counted: three more wrong tries reach the limit of five.
    for (let i = 0; i < 3; i++) expect((await verify(desk, { code: order.pickupCode })).statusCode).toBe(404)
    const limited = await verify(desk, { code: order.pickupCode })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.details.scope).toBe('staff')
  })

  it('tells a scanned QR code (order id and code) that the order has not all arrived, without counting it', async () => {
    const { order } = await twoParcelOrder(t, cast)
    const desk = await secondStaff(t)
    for (let i = 0; i < 6; i++) {
      const scanned = await verify(desk, { code: order.pickupCode, orderId: order.id })
      expect(scanned.statusCode).toBe(409)
      expect(scanned.json().error).toMatchObject({ code: 'NOT_READY', details: { orderId: order.id } })
    }
  })

  it('shuts typing at the center after 20 wrong codes, yet a desk scanning a valid QR code still hands over', async () => {
    const [first, second] = [await readyOrder(t, cast), await readyOrder(t, cast)]
    const wrong = [first.pickupCode, second.pickupCode].includes('999999') ? '999990' : '999999'
    for (let guesser = 0; guesser < 4; guesser++) {
      const token = await secondStaff(t)
      for (let i = 0; i < 5; i++) expect((await verify(token, { code: wrong })).statusCode).toBe(404)
    }
    const honest = await secondStaff(t)
    const typed = await verify(honest, { code: first.pickupCode })
    expect(typed.statusCode).toBe(429)
    expect(typed.json().error.details).toMatchObject({ scope: 'center', retryAfterSeconds: expect.any(Number) })
    expect(typed.json().error.details.retryAfterSeconds).toBeGreaterThan(14 * 60)

    const scanned = await verify(honest, { code: first.pickupCode, orderId: first.id })
    expect(scanned.statusCode).toBe(200)
    expect(scanned.json()).toMatchObject({ id: first.id, status: 'picked_up' })
    // A QR code with a guessed code is still a wrong try for the one who sent it.
    const forged = await verify(honest, { code: otherThan(second.pickupCode), orderId: second.id })
    expect(forged.statusCode).toBe(404)
    expect((await verify(honest, { code: second.pickupCode, orderId: second.id })).statusCode).toBe(200)
  })
})
