import { reaction } from 'mobx'
import { IN_PROGRESS_PATIENCE_MS } from '../../src/stores/checkout-attempt'
import { zhCNBuyer } from '../../src/strings/zh-CN-buyer'
import { flush, opened, setup, STORAGE_KEY } from './support/checkout-fake'

/* Issue 10. A price changed between the quote the buyer saw and their tap is shown, and charged
   only on their next tap. An order the server is still placing (409 IDEMPOTENCY_IN_PROGRESS,
   e.g. a claim held for two minutes after PostgreSQL died) is asked for again, same key and
   body, until it comes, instead of showing the buyer an error. */

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
