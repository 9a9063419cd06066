import type { BrowserContext, Page } from 'playwright-core'
import qrcode from 'qrcode-generator'
import type { Listing, Order, User } from '../../src/api'
import { parsePickupQr } from '../../src/domain/pickup-qr'
import { launchChromium } from '../support/chromium'
import { screenshot } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* The buyer's story in the H5 app, every step through the UI of the real server with the demo
   county: two listings from two farmers into the cart; meanwhile another buyer takes the last of
   one and a farmer's new price is approved for the other, and the cart says so; the checkout
   shows the county center, when to pick up, and the price line by line with the county's
   shipping subsidy; the answer to "place my order" is lost on the way and the retry places no
   second order; the sandbox pays it; the order shows the pickup code and a QR code that carries
   it; 我的订单 lists it, and cancelling it refunds it. A price the cun xiao'er raises while the
   buyer looks at the checkout is shown and charged only after a second tap. */

const BUYER = '陈晓（呼和浩特）'
const OTHER_BUYER = '周敏（北京）'

const yuan = (text: string) => Math.round(Number(/(-?)¥(\d+\.\d{2})/.exec(text)!.slice(1).join('')) * 100)

describe('H5: a buyer fills the cart, checks out, pays and collects', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let users: User[]
  let lamb: Listing // from a farmer with an account: their price changes meanwhile
  let other: Listing // from another farmer: another buyer takes its last units meanwhile
  let orderId: string
  const consoleErrors: string[] = []

  async function call<T>(method: string, url: string, options: { as?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.as) headers.authorization = `Bearer ${await tokenOf(options.as)}`
    if (options.body !== undefined || method === 'POST') headers['content-type'] = 'application/json'
    const response = await fetch(`${server.url}/api/v1${url}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}) })
    const body = await response.json()
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(body)}`)
    return body as T
  }
  const tokens = new Map<string, string>()
  async function tokenOf(userId: string): Promise<string> {
    if (!tokens.has(userId)) tokens.set(userId, (await call<{ token: string }>('POST', '/auth/dev', { body: { userId } })).token)
    return tokens.get(userId)!
  }
  const user = (predicate: (u: User) => boolean) => users.find(predicate)!

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.on('console', (message) => {
      // The browser reports the answer the test throws away on purpose; the app does not.
      if (message.type() === 'error' && !message.text().includes('net::ERR_FAILED')) consoleErrors.push(message.text())
    })
    // With its stack: an error thrown in a timer names no page of ours in its message.
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    users = await call<User[]>('GET', '/auth/dev/users')
    const live = (await call<{ items: Listing[] }>('GET', '/listings?limit=100')).items
    const farmerIds = new Set(users.filter((u) => u.farmerId).map((u) => u.farmerId))
    lamb = live.find((l) => farmerIds.has(l.farmer.id) && l.stock >= 5)!
    other = live.find((l) => l.farmer.id !== lamb.farmer.id && l.stock >= 1 && l.stock <= 200)!
    expect(lamb && other).toBeTruthy()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const shot = (name: string) => screenshot(page, name)

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  it('adds two listings from two farmers to the cart, which groups them and quotes the total', async () => {
    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    await page.locator('.demo-user', { hasText: BUYER }).click()
    await page.locator('.me-name', { hasText: BUYER }).waitFor()

    await page.goto(`${server.url}/pages/listing/index?id=${lamb.id}`, { waitUntil: 'networkidle' })
    await visible('.qty-plus').click()
    await visible('.qty-plus').click()
    expect(await visible('.qty-value').innerText()).toBe('3')
    await visible('.add-to-cart').click()

    await page.goto(`${server.url}/pages/listing/index?id=${other.id}`, { waitUntil: 'networkidle' })
    await visible('.add-to-cart').click()

    await page.goto(server.url + '/pages/cart/index', { waitUntil: 'networkidle' })
    await visible('.cart-total').filter({ hasText: '¥' }).waitFor()
    expect(await visible('.cart-group').count()).toBe(2)
    expect(await visible('.cart-line').count()).toBe(2)
    expect(await visible('.cart-group').first().innerText()).toContain(lamb.village.name)

    // The cart's total is the server's quote for exactly these lines.
    const buyerId = user((u) => u.name === BUYER).id
    const county = (await call<{ items: { id: string }[] }>('GET', '/counties')).items[0]
    const pickup = (await call<{ items: { id: string }[] }>('GET', `/pickup-points?countyId=${county.id}`)).items[0]
    const quote = await call<{ totalFen: number }>('POST', '/orders/quote', {
      as: buyerId,
      body: { lines: [{ listingId: lamb.id, quantity: 3 }, { listingId: other.id, quantity: 1 }], pickupPointId: pickup.id },
    })
    expect(yuan(await visible('.cart-total').innerText())).toBe(quote.totalFen)

    // A step asks the server again.
    await visible('.cart-line').first().locator('.qty-minus').click()
    await page.waitForFunction((before) => document.querySelector('.cart-total')?.textContent !== before, await visible('.cart-total').innerText())
    expect(await visible('.cart-line').first().locator('.qty-value').innerText()).toBe('2')
  })

  it('flags the line another buyer took the last of, and the price the farmer changed', async () => {
    // Another buyer orders everything that is left of `other`.
    const otherBuyer = user((u) => u.name === OTHER_BUYER).id
    const county = (await call<{ items: { id: string }[] }>('GET', '/counties')).items[0]
    const pickup = (await call<{ items: { id: string }[] }>('GET', `/pickup-points?countyId=${county.id}`)).items[0]
    const left = (await call<Listing>('GET', `/listings/${other.id}`)).stock
    await call('POST', '/orders', { as: otherBuyer, headers: { 'idempotency-key': 'e2e-other-buyer' }, body: { lines: [{ listingId: other.id, quantity: left }], pickupPointId: pickup.id } })

    // The farmer of `lamb` raises the price; the village's cun xiao'er approves it.
    const farmer = user((u) => u.farmerId === lamb.farmer.id).id
    const operator = user((u) => u.role === 'operator' && u.villageId === lamb.village.id).id
    await call('PATCH', `/listings/${lamb.id}`, { as: farmer, body: { priceFen: lamb.priceFen + 500 } })
    await call('POST', `/listings/${lamb.id}/approve`, { as: operator })

    await page.reload({ waitUntil: 'networkidle' })
    await visible('.cart-line--sold-out').waitFor()
    expect(await visible('.cart-line--sold-out').innerText()).toContain(other.title)
    const changed = visible('.cart-line--price-changed')
    await changed.waitFor()
    expect(await changed.innerText()).toContain(lamb.title)
    expect(await changed.innerText()).toContain('价格变了')
    // Both lines stay in the cart; only the one that can be had goes to the checkout.
    expect(await visible('.cart-line').count()).toBe(2)
    expect(await visible('.cart-page__left-out').innerText()).toContain('1 件')
    await shot('cart')
  })

  it('checks out the line that can be had: the county center, when to pick up, the price line by line', async () => {
    await visible('.go-checkout').click()
    await visible('.price-total').waitFor()
    expect(await visible('.checkout-line').count()).toBe(1)
    expect(await visible('.checkout-line').innerText()).toContain(lamb.title)
    expect(await visible('.checkout-parcel').count()).toBe(1)
    expect(await visible('.checkout-parcel').innerText()).toContain(lamb.farmer.name)
    expect(await visible('.pickup-point').innerText()).toContain('服务中心')
    expect(await visible('.pickup-estimate').innerText()).toMatch(/\d+月\d+日（周.）\s*\d{2}:\d{2}–\d{2}:\d{2}/)
    expect(await visible('.price-subsidy').innerText()).toContain('县里补贴运费')

    const subtotal = yuan(await visible('.price-subtotal').innerText())
    const shipping = yuan(await visible('.price-shipping').innerText())
    const subsidy = -yuan(await visible('.price-subsidy').innerText())
    const total = yuan(await visible('.price-total').innerText())
    expect(subtotal).toBe((lamb.priceFen + 500) * 2)
    expect(subsidy).toBeGreaterThan(0)
    expect(subsidy).toBeLessThanOrEqual(shipping)
    expect(total).toBe(subtotal + shipping - subsidy)
    expect(await visible('.pay-button').innerText()).toContain(`¥${(total / 100).toFixed(2)}`)
    await shot('checkout')
  })

  it('loses the answer to "place my order", retries, and still places one order, then pays it', async () => {
    const buyerId = user((u) => u.name === BUYER).id
    let lost = 0
    // The server places the order, but its answer never reaches the phone.
    await page.route('**/api/v1/orders', async (route) => {
      if (route.request().method() === 'POST' && lost++ === 0) {
        await route.fetch()
        await route.abort('failed')
      } else {
        await route.continue()
      }
    })
    await visible('.pay-button').click()
    await visible('.pay-error').waitFor()
    expect(await visible('.pay-error').innerText()).toContain('网络')

    await visible('.pay-button').click()
    await page.waitForURL(/\/packages\/buyer\/pages\/order\/index/, { timeout: 30_000 })
    await page.unroute('**/api/v1/orders')
    orderId = new URL(page.url()).searchParams.get('id')!

    const mine = await call<{ items: Order[] }>('GET', '/orders', { as: buyerId })
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0].id).toBe(orderId)
    expect(mine.items[0].status).toBe('paid')
  })

  it('shows the pickup code in big digits and a QR code carrying it', async () => {
    await visible('.pickup-code').waitFor()
    const code = (await visible('.pickup-code').innerText()).trim()
    expect(code).toMatch(/^\d{6}$/)
    expect(await visible('.order-page .order-status').innerText()).toContain('已支付')
    const text = await visible('.pickup-qr').getAttribute('data-qr')
    expect(parsePickupQr(text)).toEqual({ orderId, code })

    // The Views draw the encoder's modules, row by row, run by run.
    const qr = qrcode(0, 'M')
    qr.addData(text!)
    qr.make()
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.pickup-qr__row')).map((row) =>
        Array.from(row.children).map((cell) => `${cell.classList.contains('pickup-qr__dark') ? 1 : 0}x${getComputedStyle(cell).flexGrow}`),
      ),
    )
    const size = qr.getModuleCount()
    expect(drawn).toHaveLength(size)
    const expected = drawn.map((_, row) => {
      const runs: string[] = []
      let col = 0
      while (col < size) {
        const dark = qr.isDark(row, col)
        let length = 0
        while (col < size && qr.isDark(row, col) === dark) (col++, length++)
        runs.push(`${dark ? 1 : 0}x${length}`)
      }
      return runs
    })
    expect(drawn).toEqual(expected)

    for (const kind of ['placed', 'paid']) await visible(`.timeline-entry--${kind}`).waitFor()
    await shot('order-paid')
  })

  it('has taken the paid line out of the cart and kept the sold-out one', async () => {
    await page.goto(server.url + '/pages/cart/index', { waitUntil: 'networkidle' })
    await visible('.cart-line').first().waitFor()
    expect(await visible('.cart-line').count()).toBe(1)
    expect(await visible('.cart-line').innerText()).toContain(other.title)
  })

  it('lists the order under 我的 → 我的订单, and cancelling it refunds the buyer', async () => {
    await visible('.tab-me').click()
    await visible('.role-entry--orders').click()
    await visible('.order-row').first().waitFor()
    expect(await visible('.order-row').count()).toBe(1)
    expect(await visible('.order-row .order-status').innerText()).toContain('已支付')
    await visible('.order-row').click()

    // The list stays in the page under the order (and updates with it): look inside the order.
    const order = (selector: string) => visible(`.order-page ${selector}`)
    await order('.cancel-order').click()
    await page.locator('.taro-model__confirm').click()
    await order('.order-status').filter({ hasText: '已取消' }).waitFor()
    expect(await order('.order-refund').innerText()).toContain('退款')
    expect(await order('.pickup-code').count()).toBe(0)
    expect(await order('.cancel-order').count()).toBe(0)
    await order('.timeline-entry--cancelled').waitFor()
  })

  it('orders from two farmers at once: two parcels, each with its shipping, paid in one tap', async () => {
    const buyerId = user((u) => u.name === BUYER).id
    const live = (await call<{ items: Listing[] }>('GET', '/listings?limit=100')).items.filter((l) => l.stock >= 2 && l.id !== lamb.id && l.id !== other.id)
    const first = live[0]
    const second = live.find((l) => l.farmer.id !== first.farmer.id)!
    for (const listing of [first, second]) {
      await page.goto(`${server.url}/pages/listing/index?id=${listing.id}`, { waitUntil: 'networkidle' })
      await visible('.add-to-cart').click()
    }
    await page.goto(server.url + '/pages/cart/index', { waitUntil: 'networkidle' })
    await visible('.cart-total').filter({ hasText: '¥' }).waitFor()
    await visible('.go-checkout').click()
    await visible('.price-total').waitFor()
    expect(await visible('.checkout-parcel').count()).toBe(2)
    const parcelShipping = (await visible('.checkout-parcel').allInnerTexts()).map(yuan)
    expect(parcelShipping.reduce((a, b) => a + b, 0)).toBe(yuan(await visible('.price-shipping').innerText()))
    const total = yuan(await visible('.price-total').innerText())
    await visible('.pay-button').click()
    await page.waitForURL(/\/packages\/buyer\/pages\/order\/index/, { timeout: 30_000 })
    await visible('.pickup-code').waitFor()
    const paid = await call<Order>('GET', `/orders/${new URL(page.url()).searchParams.get('id')}`, { as: buyerId })
    expect(paid).toMatchObject({ status: 'paid', totalFen: total })
    expect(paid.parcels.map((p) => p.farmer.name).sort()).toEqual([first.farmer.name, second.farmer.name].sort())
  })

  it('shows a price raised between the checkout and the tap, and charges it only after a second tap', async () => {
    const buyerId = user((u) => u.name === BUYER).id
    const operator = user((u) => u.role === 'operator' && u.villageId === lamb.village.id).id
    const ordersBefore = (await call<{ items: Order[] }>('GET', '/orders', { as: buyerId })).items.length
    await page.goto(`${server.url}/pages/listing/index?id=${lamb.id}`, { waitUntil: 'networkidle' })
    await visible('.buy-now').click()
    await visible('.price-total').waitFor()
    const seen = yuan(await visible('.price-total').innerText())

    // The cun xiao'er raises it by ¥1 while the buyer looks at the checkout; it stays live.
    const { priceFen } = await call<Listing>('GET', `/listings/${lamb.id}`)
    expect(await call<Listing>('PATCH', `/listings/${lamb.id}`, { as: operator, body: { priceFen: priceFen + 100 } })).toMatchObject({ status: 'live' })

    const refusals = consoleErrors.length
    await visible('.pay-button').click()
    const notice = visible('.buyer-notice--price-changed')
    await notice.waitFor()
    // The browser logs the 409 this test provoked; the app itself logs nothing.
    expect(consoleErrors.splice(refusals).every((line) => line.includes('409'))).toBe(true)
    const text = await notice.innerText()
    expect(text).toContain('价格有变化')
    expect(text).toContain(lamb.title)
    expect(text).toContain(`由 ¥${(seen / 100).toFixed(2)} 变为 ¥${((seen + 100) / 100).toFixed(2)}`)
    expect(yuan(await visible('.price-total').innerText())).toBe(seen + 100)
    expect(await visible('.pay-button').innerText()).toContain(`¥${((seen + 100) / 100).toFixed(2)}`)
    // Nothing ordered, nothing charged, until the buyer taps again.
    expect((await call<{ items: Order[] }>('GET', '/orders', { as: buyerId })).items).toHaveLength(ordersBefore)
    await shot('checkout-price-changed')

    await visible('.pay-button').click()
    await page.waitForURL(/\/packages\/buyer\/pages\/order\/index/, { timeout: 30_000 })
    await visible('.pickup-code').waitFor()
    const paid = await call<Order>('GET', `/orders/${new URL(page.url()).searchParams.get('id')}`, { as: buyerId })
    expect(paid).toMatchObject({ status: 'paid', totalFen: seen + 100, lines: [{ listingId: lamb.id, unitPriceFen: priceFen + 100 }] })
    expect((await call<{ items: Order[] }>('GET', '/orders', { as: buyerId })).items).toHaveLength(ordersBefore + 1)
  })

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([])
  })
})
