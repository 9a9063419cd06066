import { reaction } from 'mobx'
import { newIdempotencyKey } from '../../src/stores/checkout-attempt'
import { CheckoutStore } from '../../src/stores/checkout-store'
import { CONFIRM_POLL_MS } from '../../src/stores/order-payment'
import { flush, opened, setup, STORAGE_KEY } from './support/checkout-fake'

/* The checkout's promise: one tap, one order. The Idempotency-Key is kept on the phone until
   the order exists, so a retry after a lost answer (even after a restart) sends the same key
   and body; an order placed but not paid is paid, never placed again; stock conflicts are told
   and nothing is lost. Then the payment: paid only when the server says so. No Taro, no server:
   the API, storage and clock are fakes. */

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
