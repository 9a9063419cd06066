import { ApiError } from '../../../src/api/api-error'
import type { Order, OrderInput, PaymentStart, PlaceOrderInput, Quote, QuoteLine } from '../../../src/api/order-types'
import { newIdempotencyKey } from '../../../src/stores/checkout-attempt'
import { type CheckoutDeps, CheckoutStore } from '../../../src/stores/checkout-store'
import { OrderPayment, type PaymentDeps } from '../../../src/stores/order-payment'
import type { KeyValueStorage } from '../../../src/stores/session-store'

/* The server as far as the checkout can tell, for the checkout's store tests: stock and prices,
   orders by Idempotency-Key, a lost answer, an order still being placed, WeChat Pay and a clock. */

export class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

export const STORAGE_KEY = 'xiangji.checkout.usr_buyer'
export const flush = () => new Promise((resolve) => setImmediate(resolve))

function quoteLine(listingId: string, quantity: number, stock = 10, priceFen = 6000): QuoteLine {
  return {
    listingId,
    title: `商品 ${listingId}`,
    unit: 'jin',
    unitPriceFen: priceFen,
    quantity,
    stock,
    available: stock >= quantity,
    lineTotalFen: stock >= quantity ? priceFen * quantity : 0,
    farmer: { id: 'frm_wang', name: '王建国' },
    village: { id: 'vil_sby', name: '舍必崖村' },
    thumbUrl: null,
  }
}

function orderOf(id: string, input: OrderInput, price: (listingId: string) => number, status: Order['status'] = 'pending_payment'): Order {
  const lines = input.lines.map((l) => ({ ...l, title: l.listingId, unit: 'jin', unitPriceFen: price(l.listingId), lineTotalFen: price(l.listingId) * l.quantity }))
  return { id, status, lines, totalFen: lines.reduce((sum, l) => sum + l.lineTotalFen, 0) } as unknown as Order
}

/** The server, as far as the checkout can tell: stock and price per listing, orders by key,
 *  payments. No shipping: the total is the goods. */
export function setup(options: { provider?: 'wechat' | 'sandbox'; stock?: Record<string, number>; askForPickupMessage?: () => Promise<void> } = {}) {
  const storage = new MemoryStorage()
  const stock: Record<string, number> = { lst_a: 10, lst_b: 10, ...options.stock }
  const prices: Record<string, number> = {}
  const price = (listingId: string) => prices[listingId] ?? 6000
  const placed: { input: PlaceOrderInput; key: string }[] = []
  const byKey = new Map<string, Order>()
  const orders = new Map<string, Order>()
  let loseNextAnswer = false
  /** The server still places the first request under a key for this many more asks. */
  let stillPlacing = 0
  const checkoutSleeps: number[] = []
  let whileWaiting = () => {}
  let wechatAnswer: 'done' | 'cancelled' = 'done'
  let confirmsAfterPolls = 0
  let polls = 0
  let clock = 0
  /** WeChat's sheets in the order they opened, and the orders placed. */
  const events: string[] = []

  const quote = (input: OrderInput): Quote => {
    const lines = input.lines.map((l) => quoteLine(l.listingId, l.quantity, stock[l.listingId], price(l.listingId)))
    const totalFen = lines.reduce((sum, l) => sum + l.lineTotalFen, 0)
    return { lines, parcels: [], subtotalFen: totalFen, shippingFen: 0, subsidyFen: 0, totalFen, pickupPoint: { id: 'pup_horinger' }, pickup: {} } as unknown as Quote
  }
  const deps: CheckoutDeps = {
    storage,
    quote: async (input) => quote(input),
    placeOrder: async (input, key) => {
      placed.push({ input, key })
      events.push('placeOrder')
      if (stillPlacing > 0) {
        stillPlacing--
        throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', 'this order is still being placed')
      }
      let order = byKey.get(key)
      if (!order) {
        for (const line of input.lines) {
          if ((stock[line.listingId] ?? 0) < line.quantity) {
            throw new ApiError(409, 'OUT_OF_STOCK', 'not enough', { listingId: line.listingId, available: stock[line.listingId] ?? 0 })
          }
        }
        const now = quote(input)
        if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== now.totalFen) {
          throw new ApiError(409, 'PRICE_CHANGED', 'the price has changed', { expectedTotalFen: input.expectedTotalFen, totalFen: now.totalFen, quote: now })
        }
        for (const line of input.lines) stock[line.listingId] -= line.quantity
        order = orderOf(`ord_${byKey.size + 1}`, input, price)
        byKey.set(key, order)
        orders.set(order.id, order)
      }
      if (loseNextAnswer) {
        loseNextAnswer = false
        throw new ApiError(0, 'NETWORK', 'request:fail timeout')
      }
      return order
    },
    order: async (id) => {
      const order = orders.get(id)
      if (!order) throw new ApiError(404, 'NOT_FOUND', 'no order')
      return order
    },
    pickupPointId: async () => 'pup_horinger',
    newKey: () => newIdempotencyKey(Date.now(), Math.random),
    sleep: async (ms) => {
      checkoutSleeps.push(ms)
      clock += ms
      whileWaiting()
    },
    now: () => clock,
  }

  const markPaid = (id: string) => orders.set(id, { ...orders.get(id)!, status: 'paid', pickupCode: '004217' })
  const paymentDeps: PaymentDeps = {
    provider: options.provider ?? 'wechat',
    startPayment: async (orderId) => ({ paymentId: `pay_${orderId}`, provider: options.provider ?? 'wechat', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' }) as PaymentStart,
    requestPayment: async () => {
      events.push('requestPayment')
      return wechatAnswer
    },
    confirmSandbox: async (paymentId) => {
      markPaid(paymentId.replace('pay_', ''))
      return orders.get(paymentId.replace('pay_', ''))!
    },
    order: async (id) => {
      // WeChat's notification reaches the server after a few polls.
      if (wechatAnswer === 'done' && ++polls > confirmsAfterPolls) markPaid(id)
      return orders.get(id)!
    },
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
    askForPickupMessage: options.askForPickupMessage,
  }
  const payment = new OrderPayment(paymentDeps)
  const checkout = new CheckoutStore(deps, payment, 'usr_buyer')
  return {
    storage,
    stock,
    prices,
    placed,
    orders,
    deps,
    payment,
    checkout,
    loseNextAnswer: () => (loseNextAnswer = true),
    stillPlacingFor: (asks: number) => (stillPlacing = asks),
    checkoutSleeps,
    whileWaiting: (act: () => void) => (whileWaiting = act),
    wechatSays: (answer: 'done' | 'cancelled') => (wechatAnswer = answer),
    confirmAfter: (count: number) => (confirmsAfterPolls = count),
    polls: () => polls,
    events,
  }
}

export async function opened(checkout: CheckoutStore, lines = [{ listingId: 'lst_a', quantity: 2 }]) {
  checkout.open(lines)
  await flush()
  expect(checkout.quoteStatus === 'loaded' || checkout.order !== null).toBe(true)
}
