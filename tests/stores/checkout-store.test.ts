import { reaction } from 'mobx'
import { ApiError } from '../../src/api/api-error'
import type { Order, OrderInput, PaymentStart, PlaceOrderInput, Quote, QuoteLine } from '../../src/api/order-types'
import { IN_PROGRESS_PATIENCE_MS, newIdempotencyKey } from '../../src/stores/checkout-attempt'
import { type CheckoutDeps, CheckoutStore } from '../../src/stores/checkout-store'
import { CONFIRM_POLL_MS, OrderPayment, type PaymentDeps } from '../../src/stores/order-payment'
import type { KeyValueStorage } from '../../src/stores/session-store'
import { zhCNBuyer } from '../../src/strings/zh-CN-buyer'

/* The checkout's promise: one tap, one order. The Idempotency-Key is kept on the phone until
   the order exists, so a retry after a lost answer (even after a restart) sends the same key
   and body; an order placed but not paid is paid, never placed again; stock conflicts are told
   and nothing is lost. Then the payment: paid only when the server says so. No Taro, no server:
   the API, storage and clock are fakes. */

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

const STORAGE_KEY = 'xiangji.checkout.usr_buyer'
const flush = () => new Promise((resolve) => setImmediate(resolve))

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
function setup(options: { provider?: 'wechat' | 'sandbox'; stock?: Record<string, number>; askForPickupMessage?: () => Promise<void> } = {}) {
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

async function opened(checkout: CheckoutStore, lines = [{ listingId: 'lst_a', quantity: 2 }]) {
  checkout.open(lines)
  await flush()
  expect(checkout.quoteStatus === 'loaded' || checkout.order !== null).toBe(true)
}

describe('CheckoutStore', () => {
  it('places the order under a key kept on the phone, pays, and forgets the key once paid', async () => {
    const { checkout, placed, storage } = setup()
    await opened(checkout)
    expect(checkout.canPay).toBe(true)
    const outcome = await checkout.submit()
    expect(outcome?.kind).toBe('paid')
    expect(placed).toHaveLength(1)
    expect(placed[0].key).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    // With the total the buyer was shown on the pay button.
    expect(placed[0].input).toEqual({ lines: [{ listingId: 'lst_a', quantity: 2 }], pickupPointId: 'pup_horinger', expectedTotalFen: 12000 })
    expect(checkout.order?.status).toBe('paid')
    expect(storage.get(STORAGE_KEY)).toBeNull()
  })

  it('retries a lost answer with the same key and body, so the server answers the same order', async () => {
    const { checkout, placed, loseNextAnswer, orders, storage } = setup()
    await opened(checkout)
    loseNextAnswer()
    const first = await checkout.submit()
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'NETWORK' } })
    expect(checkout.order).toBeNull()
    // The key was on the phone before the request left.
    expect(JSON.parse(storage.get(STORAGE_KEY)!)).toMatchObject({ key: placed[0].key, orderId: null })

    const second = await checkout.submit()
    expect(second?.kind).toBe('paid')
    expect(placed.map((p) => p.key)).toEqual([placed[0].key, placed[0].key])
    expect(placed[1].input).toEqual(placed[0].input)
    expect(orders.size).toBe(1)
  })

  it('retries with the same key after a restart, even though the lost order took the stock', async () => {
    const { deps, payment, placed, loseNextAnswer, orders, checkout } = setup({ stock: { lst_a: 2 } })
    await opened(checkout)
    loseNextAnswer()
    await checkout.submit()
    // The app is closed and opened again: a new store, the same phone storage.
    const again = new CheckoutStore(deps, payment, 'usr_buyer')
    await opened(again)
    // The quote now says none left (the lost order holds them), yet the retry is offered.
    expect(again.orderableLines).toEqual([])
    expect(again.unanswered).toBe(true)
    expect(again.canPay).toBe(true)
    const outcome = await again.submit()
    expect(outcome?.kind).toBe('paid')
    expect(new Set(placed.map((p) => p.key)).size).toBe(1)
    expect(orders.size).toBe(1)
  })

  it('offers the unpaid order again (继续支付) instead of placing a second one', async () => {
    const { checkout, placed, wechatSays, deps, payment, storage } = setup()
    await opened(checkout)
    wechatSays('cancelled')
    const outcome = await checkout.submit()
    expect(outcome?.kind).toBe('cancelled')
    expect(checkout.notice).toBe('cancelled')
    expect(checkout.order?.status).toBe('pending_payment')
    expect(checkout.canPay).toBe(true)
    expect(JSON.parse(storage.get(STORAGE_KEY)!).orderId).toBe(checkout.order?.id)

    // Reopened later: the pending order is found and paid, not placed again.
    wechatSays('done')
    const again = new CheckoutStore(deps, payment, 'usr_buyer')
    await opened(again)
    expect(again.order?.id).toBe(checkout.order?.id)
    expect((await again.submit())?.kind).toBe('paid')
    expect(placed).toHaveLength(1)
  })

  it('tells which line ran out, keeps nothing half-done, and quotes again', async () => {
    const { checkout, stock, storage } = setup()
    await opened(checkout)
    stock.lst_a = 1 // another buyer was quicker
    const outcome = await checkout.submit()
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'OUT_OF_STOCK' } })
    expect(checkout.conflict).toEqual({ listingId: 'lst_a', title: '商品 lst_a', available: 1 })
    expect(storage.get(STORAGE_KEY)).toBeNull()
    await flush()
    expect(checkout.unavailableLines.map((l) => l.listingId)).toEqual(['lst_a'])
    expect(checkout.canPay).toBe(false)
  })

  it('orders only the lines the quote can price, under a new key when the cart changed', async () => {
    const { checkout, placed } = setup({ stock: { lst_b: 0 } })
    await opened(checkout, [
      { listingId: 'lst_a', quantity: 1 },
      { listingId: 'lst_b', quantity: 1 },
    ])
    expect(checkout.orderableLines).toEqual([{ listingId: 'lst_a', quantity: 1 }])
    await checkout.submit()
    expect(placed[0].input.lines).toEqual([{ listingId: 'lst_a', quantity: 1 }])
  })

  it('waits for the server to confirm a payment, polling, and says so when it takes too long', async () => {
    const { checkout, confirmAfter, payment, polls } = setup()
    await opened(checkout)
    confirmAfter(3)
    const stages: string[] = []
    const stop = reaction(() => payment.stage, (stage) => stages.push(stage))
    const outcome = await checkout.submit()
    stop()
    expect(outcome?.kind).toBe('paid')
    expect(polls()).toBe(4)
    // What the pay button says meanwhile: 正在支付…, then 支付确认中….
    expect(stages).toEqual(['starting', 'paying', 'confirming', 'idle'])

    const slow = setup()
    await opened(slow.checkout)
    slow.confirmAfter(1000)
    const late = await slow.checkout.submit()
    expect(late?.kind).toBe('unconfirmed')
    expect(slow.checkout.notice).toBe('unconfirmed')
    // About 20 s of polls every 1.5 s.
    expect(slow.polls()).toBeGreaterThanOrEqual(Math.floor(20_000 / CONFIRM_POLL_MS))
    expect(slow.polls()).toBeLessThanOrEqual(Math.ceil(20_000 / CONFIRM_POLL_MS) + 1)
  })

  it('pays with the sandbox on H5: confirm, then the order as the server has it', async () => {
    const { checkout, polls } = setup({ provider: 'sandbox' })
    await opened(checkout)
    const outcome = await checkout.submit()
    expect(outcome).toMatchObject({ kind: 'paid', order: { status: 'paid', pickupCode: '004217' } })
    expect(polls()).toBe(0)
  })
})

describe('a price changed between the quote and the tap (409 PRICE_CHANGED)', () => {
  it('shows the new price, charges nothing, and orders at it only on the next tap, under a new key', async () => {
    const { checkout, placed, prices, orders, events, storage } = setup()
    await opened(checkout)
    expect(checkout.quote?.totalFen).toBe(12000)
    prices.lst_a = 6050 // the cun xiao'er raised it meanwhile

    const first = await checkout.submit()
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'PRICE_CHANGED' } })
    expect(placed[0].input.expectedTotalFen).toBe(12000)
    expect(orders.size).toBe(0)
    expect(events).not.toContain('requestPayment')
    // The new quote is on the screen, said plainly; no error, nothing half-done on the phone.
    expect(checkout.quote?.totalFen).toBe(12100)
    expect(checkout.quote?.lines[0].unitPriceFen).toBe(6050)
    expect(checkout.priceChange).toEqual({ fromFen: 12000, toFen: 12100, titles: ['商品 lst_a'] })
    expect(checkout.error).toBeNull()
    expect(storage.get(STORAGE_KEY)).toBeNull()
    expect(checkout.canPay).toBe(true)

    const second = await checkout.submit()
    expect(second?.kind).toBe('paid')
    expect(checkout.priceChange).toBeNull()
    expect(placed).toHaveLength(2)
    expect(placed[1].input).toEqual({ ...placed[0].input, expectedTotalFen: 12100 })
    expect(placed[1].key).not.toBe(placed[0].key)
    expect(orders.size).toBe(1)
    expect(checkout.order?.totalFen).toBe(12100)
  })

  it('asks about a lower price too, and quotes the whole checkout again when it left lines out', async () => {
    const { checkout, prices, placed } = setup({ stock: { lst_b: 0 } })
    await opened(checkout, [
      { listingId: 'lst_a', quantity: 1 },
      { listingId: 'lst_b', quantity: 1 },
    ])
    prices.lst_a = 5800
    expect((await checkout.submit())?.kind).toBe('failed')
    expect(checkout.priceChange).toEqual({ fromFen: 6000, toFen: 5800, titles: ['商品 lst_a'] })
    await flush()
    // The server quoted the one line it was asked for; the sold-out one still shows as such.
    expect(checkout.quote?.lines.map((l) => [l.listingId, l.available])).toEqual([
      ['lst_a', true],
      ['lst_b', false],
    ])
    expect((await checkout.submit())?.kind).toBe('paid')
    expect(placed[1].input).toMatchObject({ lines: [{ listingId: 'lst_a', quantity: 1 }], expectedTotalFen: 5800 })
  })

  it('says it in Chinese, naming what changed', () => {
    const say = zhCNBuyer.checkout.priceChanged
    expect(say(['草原羔羊肉 羊排'], '¥75.00', '¥76.00')).toBe('价格有变化：「草原羔羊肉 羊排」调了价，实付由 ¥75.00 变为 ¥76.00，请确认新价格后再支付')
    expect(say([], '¥75.00', '¥77.00')).toBe('价格有变化：实付由 ¥75.00 变为 ¥77.00，请确认新价格后再支付')
  })
})

describe('an order the server is still placing (409 IDEMPOTENCY_IN_PROGRESS)', () => {
  it('asks again with the same key and body, backing off, until the order comes: no error shown', async () => {
    const { checkout, placed, orders, stillPlacingFor, checkoutSleeps } = setup()
    await opened(checkout)
    stillPlacingFor(2)
    const waiting: boolean[] = []
    const stop = reaction(() => checkout.awaitingOrder, (value) => waiting.push(value))
    const outcome = await checkout.submit()
    stop()
    expect(outcome?.kind).toBe('paid')
    expect(placed).toHaveLength(3)
    expect(new Set(placed.map((p) => p.key)).size).toBe(1)
    for (const p of placed) expect(p.input).toEqual(placed[0].input)
    expect(checkoutSleeps).toEqual([1000, 2000])
    // 订单确认中… while it waited, then the order.
    expect(waiting).toEqual([true, false])
    expect(checkout.error).toBeNull()
    expect(orders.size).toBe(1)
  })

  it('gives up after the time a claim is held, keeping the attempt, so 重试 later answers the same order', async () => {
    const { checkout, placed, orders, stillPlacingFor, checkoutSleeps, storage } = setup()
    await opened(checkout)
    stillPlacingFor(1000)
    const outcome = await checkout.submit()
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'IDEMPOTENCY_IN_PROGRESS' } })
    // 1, 2, 4, 8, 16, then 30 s at most, the last ask at the 2.5 minutes themselves.
    expect(checkoutSleeps).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 29000])
    expect(checkoutSleeps.reduce((a, b) => a + b, 0)).toBe(IN_PROGRESS_PATIENCE_MS)
    expect(placed).toHaveLength(10)
    expect(checkout.error?.code).toBe('IDEMPOTENCY_IN_PROGRESS')
    expect(checkout.awaitingOrder).toBe(false)
    expect(checkout.unanswered).toBe(true)
    expect(JSON.parse(storage.get(STORAGE_KEY)!)).toMatchObject({ key: placed[0].key, orderId: null })

    stillPlacingFor(0)
    expect((await checkout.submit())?.kind).toBe('paid')
    expect(new Set(placed.map((p) => p.key)).size).toBe(1)
    expect(orders.size).toBe(1)
  })

  it('does not pay it in another checkout the buyer opened meanwhile: it waits in 我的订单', async () => {
    const { checkout, orders, stillPlacingFor, whileWaiting, events, storage } = setup()
    await opened(checkout)
    stillPlacingFor(1)
    whileWaiting(() => checkout.open([{ listingId: 'lst_b', quantity: 1 }]))
    expect(await checkout.submit()).toBeNull()
    expect(orders.size).toBe(1)
    expect(checkout.order).toBeNull()
    expect(checkout.placing).toBe(false)
    expect(events).not.toContain('requestPayment')
    const [placedOrder] = orders.values()
    expect(JSON.parse(storage.get(STORAGE_KEY)!)).toMatchObject({ selection: [{ listingId: 'lst_a', quantity: 2 }], orderId: placedOrder.id })
  })

  it('stops at once on any other answer', async () => {
    const { checkout, stillPlacingFor, stock, checkoutSleeps } = setup()
    await opened(checkout)
    stillPlacingFor(1)
    stock.lst_a = 0
    expect(await checkout.submit()).toMatchObject({ kind: 'failed', error: { code: 'OUT_OF_STOCK' } })
    expect(checkoutSleeps).toEqual([1000])
    expect(checkout.awaitingOrder).toBe(false)
  })
})

describe('the ready-for-pickup message at payment (weapp)', () => {
  /** The subscribe sheet, closed by the test when it likes. */
  function subscribeSheet(answer: 'accept' | 'reject' | 'throw' = 'accept', onOpen: () => void = () => {}) {
    const sheet = { opened: 0, close: () => {} }
    const ask = () => {
      sheet.opened++
      onOpen()
      if (answer === 'throw') throw new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture')
      return new Promise<void>((resolve, reject) => {
        sheet.close = () => (answer === 'accept' ? resolve() : reject(new Error('requestSubscribeMessage:fail')))
      })
    }
    return { sheet, ask }
  }

  it('asks in the tap itself, before the order is placed, and opens the payment sheet once it is closed', async () => {
    let log: string[] = []
    const { sheet, ask } = subscribeSheet('accept', () => log.push('subscribe'))
    const { checkout, events } = setup({ askForPickupMessage: ask })
    log = events
    await opened(checkout)
    const paying = checkout.submit()
    // Nothing awaited yet: WeChat shows the sheet only in answer to the tap.
    expect(events).toEqual(['subscribe', 'placeOrder'])
    await flush()
    // The payment sheet waits for the subscribe sheet to close.
    expect(events).toEqual(['subscribe', 'placeOrder'])
    sheet.close()
    expect((await paying)?.kind).toBe('paid')
    expect(events).toEqual(['subscribe', 'placeOrder', 'requestPayment'])
    expect(sheet.opened).toBe(1)
  })

  it('pays all the same when the buyer refuses, or WeChat cannot ask', async () => {
    for (const answer of ['reject', 'throw'] as const) {
      const { sheet, ask } = subscribeSheet(answer)
      const { checkout, events } = setup({ askForPickupMessage: ask })
      await opened(checkout)
      const paying = checkout.submit()
      await flush()
      sheet.close()
      expect((await paying)?.kind).toBe('paid')
      expect(events).toEqual(['placeOrder', 'requestPayment'])
    }
  })

  it('asks again on 继续支付, and never for the sandbox', async () => {
    const { sheet, ask } = subscribeSheet()
    const { checkout, payment, wechatSays } = setup({ askForPickupMessage: ask })
    await opened(checkout)
    wechatSays('cancelled')
    const first = checkout.submit()
    await flush()
    sheet.close()
    expect((await first)?.kind).toBe('cancelled')
    wechatSays('done')
    const again = payment.pay(checkout.order!)
    expect(sheet.opened).toBe(2)
    sheet.close()
    expect((await again).kind).toBe('paid')

    const sandbox = subscribeSheet()
    const h5 = setup({ provider: 'sandbox', askForPickupMessage: sandbox.ask })
    await opened(h5.checkout)
    expect((await h5.checkout.submit())?.kind).toBe('paid')
    expect(sandbox.sheet.opened).toBe(0)
  })
})

describe('newIdempotencyKey', () => {
  it('fits the header’s rules and differs per attempt', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey(Date.now(), Math.random)))
    expect(keys.size).toBe(1000)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
  })
})
