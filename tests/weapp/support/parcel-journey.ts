import { seedId } from '../../../server/ids'
import { fetchJson } from './phone'

/* An order's way from payment to the county center, done over the API as each demo user would:
   the buyer places it (with an Idempotency-Key) and pays it in the sandbox, the cun xiao'er of
   each village collects their farmer's parcel, the county staff receive them. For the pages
   under test to find an order in the state they deal with. */

export const demoUser = (key: string) => seedId('usr', key)
export const PICKUP_POINT = seedId('pup', 'horinger-center')

export interface JourneyParcel {
  id: string
  number: string | null
  status: string
  farmer: { id: string; name: string }
  village: { id: string; name: string }
  collectionRunDate: string
}

export interface JourneyOrder {
  id: string
  /** The short number people read, such as 1203-017. */
  number: string | null
  status: string
  pickupCode: string
  parcels: JourneyParcel[]
  timeline: { kind: string; farmer?: { name: string } }[]
}

export function createJourney(serverUrl: string) {
  const api = `${serverUrl}/api/v1`
  const tokens = new Map<string, Promise<string>>()
  const tokenOf = (key: string) => {
    if (!tokens.has(key)) tokens.set(key, fetchJson(`${api}/auth/dev`, 'POST', { userId: demoUser(key) }).then((r) => r.token as string))
    return tokens.get(key)!
  }
  const as = async (key: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    fetchJson(`${api}${path}`, method, body ?? (method === 'POST' ? {} : undefined), await tokenOf(key), headers)
  let keys = 0

  return {
    as,
    /** Placed and paid through the sandbox: the paid order as the buyer sees it. */
    async paidOrder(buyer: string, lines: [listingKey: string, quantity: number][]): Promise<JourneyOrder> {
      const body = { lines: lines.map(([key, quantity]) => ({ listingId: seedId('lst', key), quantity })), pickupPointId: PICKUP_POINT }
      const order = await as(buyer, 'POST', '/orders', body, { 'idempotency-key': `journey-${Date.now()}-${++keys}` })
      const { paymentId } = await as(buyer, 'POST', `/orders/${order.id}/payments`, { provider: 'sandbox' })
      await as(buyer, 'POST', `/payments/sandbox/${paymentId}/confirm`)
      return as(buyer, 'GET', `/orders/${order.id}`)
    },
    collect: (operator: string, parcelId: string) => as(operator, 'POST', `/parcels/${parcelId}/collect`),
    receive: (staff: string, parcelId: string) => as(staff, 'POST', `/parcels/${parcelId}/receive`),
    order: (buyer: string, orderId: string): Promise<JourneyOrder> => as(buyer, 'GET', `/orders/${orderId}`),
  }
}
