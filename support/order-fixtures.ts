import { seedId } from '../server/ids'
import { bearer, signInAs, type TestApp } from './test-app'

/* Orders in server tests: buyers made on the spot, the demo county's pickup point and listings,
   and POST /orders with an Idempotency-Key. */

export const PICKUP_POINT = seedId('pup', 'horinger-center')
export const listingId = (key: string) => seedId('lst', key)

/** `count` new buyers, each signed in: their tokens. */
export async function createBuyers(t: TestApp, count: number, prefix = 'buyer'): Promise<string[]> {
  const now = new Date().toISOString()
  const ids = Array.from({ length: count }, (_, i) => seedId('usr', `${prefix}-${i}-${Math.random()}`))
  await t.database.db
    .insertInto('users')
    .values(ids.map((id, i) => ({ id, role: 'buyer' as const, name: `买家 ${i + 1}`, villageId: null, countyId: null, farmerId: null, wechatOpenid: null, createdAt: now })))
    .execute()
  return Promise.all(
    ids.map(async (userId) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { userId } })
      return response.json().token as string
    }),
  )
}

export async function setStock(t: TestApp, key: string, stock: number): Promise<void> {
  await t.database.db.updateTable('listings').set({ stock }).where('id', '=', listingId(key)).execute()
}

export async function stockOf(t: TestApp, key: string): Promise<number> {
  const row = await t.database.db.selectFrom('listings').select('stock').where('id', '=', listingId(key)).executeTakeFirstOrThrow()
  return row.stock
}

export const orderBody = (lines: [string, number][]) => ({ lines: lines.map(([key, quantity]) => ({ listingId: listingId(key), quantity })), pickupPointId: PICKUP_POINT })

let keys = 0
export const newKey = () => `key-${Date.now()}-${++keys}`

export function placeOrder(t: TestApp, token: string, body: unknown, key: string | null = newKey()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) }, payload: body as object })
}

/** Places an order of these demo listings and pays it through the sandbox: the paid order. */
export const paidOrder = (t: TestApp, token: string, lines: [string, number][]) => paidOrderOf(t, token, orderBody(lines))

/** Places an order of this body and pays it through the sandbox: the paid order. */
export async function paidOrderOf(t: TestApp, token: string, body: object) {
  const placed = await placeOrder(t, token, body)
  if (placed.statusCode !== 201) throw new Error(`order refused: ${placed.body}`)
  const order = placed.json()
  const started = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, headers: bearer(token), payload: { provider: 'sandbox' } })
  const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/payments/sandbox/${started.json().paymentId}/confirm`, headers: bearer(token) })
  if (confirmed.statusCode !== 200) throw new Error(`sandbox payment refused: ${confirmed.body}`)
  return confirmed.json()
}

export interface PickupCast {
  buyer: string
  shebiya: string
  xindianzi: string
  staff: string
}

/** The demo people of the two-parcel order below, signed in. */
export async function signInCast(t: TestApp): Promise<PickupCast> {
  const [buyer, shebiya, xindianzi, staff] = await Promise.all(['buyer-chenxiao', 'op-shebiya', 'op-xindianzi', 'staff-gao'].map((key) => signInAs(t.app, key)))
  return { buyer, shebiya, xindianzi, staff }
}

const callAs = (t: TestApp, token: string, url: string) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(token) })

/** A paid order of lamb from 王建国 (舍必崖村) and milk from 李秀英 (新店子村): two parcels. */
export async function twoParcelOrder(t: TestApp, cast: PickupCast) {
  const order = await paidOrder(t, cast.buyer, [['lamb-chops', 2], ['milk-fresh', 3]])
  const lamb = order.parcels.find((p: any) => p.farmer.name === '王建国')
  const milk = order.parcels.find((p: any) => p.farmer.name === '李秀英')
  return { order, lamb, milk, date: lamb.collectionRunDate as string }
}

/** That order collected at both villages and received at the county center: ready for pickup. */
export async function readyOrder(t: TestApp, cast: PickupCast) {
  const { order, lamb, milk } = await twoParcelOrder(t, cast)
  await callAs(t, cast.shebiya, `/parcels/${lamb.id}/collect`)
  await callAs(t, cast.xindianzi, `/parcels/${milk.id}/collect`)
  await callAs(t, cast.staff, `/parcels/${lamb.id}/receive`)
  await callAs(t, cast.staff, `/parcels/${milk.id}/receive`)
  return (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: bearer(cast.buyer) })).json()
}
