import type { BrowserContext, Page } from 'playwright-core'
import type { Order } from '../../src/api'
import { seedId } from '../../server/ids'
import { launchChromium } from '../support/chromium'
import { type DemoServer, startDemoServer } from '../support/demo-server'
import { callAs, placePaidOrder, signInOnMe } from '../support/h5-pages'

/* The buyer's order page, left open while the parcel travels and the desk hands it over, shows
   the final state by itself: 已取货 at the top, no pickup code, no 预计可取, every parcel line
   picked up. The page re-reads the order every 30 s; the browser's clock is moved instead of
   waiting, and nothing reloads the page. */

const BUYER = '陈晓（呼和浩特）'
const LAMB = seedId('lst', 'lamb-chops')

describe('H5: an open order page follows its order to pickup', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let order: Order
  const pageErrors: string[] = []

  const api = (userKey: string, method: string, url: string, body?: object, headers: Record<string, string> = {}) => callAs(server.url, userKey, method, url, body, headers)
  const visible = (selector: string) => page.locator(`${selector}:visible`)

  beforeAll(async () => {
    server = await startDemoServer()
    order = (await placePaidOrder(server.url, 'buyer-chenxiao', [{ listingId: LAMB, quantity: 1 }])) as Order
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)))
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows 已取货 and the parcel picked up without a refresh', async () => {
    await signInOnMe(page, server.url, BUYER)
    // Fake timers from the next document on; time still flows, and can be moved on at will.
    await browser.context.clock.install()
    await page.goto(`${server.url}/packages/buyer/pages/order/index?id=${order.id}`, { waitUntil: 'networkidle' })
    await visible('.pickup-code').waitFor()
    expect(await visible('.pickup-estimate').count()).toBe(1)

    const [parcel] = order.parcels
    await api('op-shebiya', 'POST', `/parcels/${parcel.id}/collect`, {})
    await api('staff-gao', 'POST', `/parcels/${parcel.id}/receive`, {})
    await api('staff-gao', 'POST', '/pickups/verify', { code: order.pickupCode })
    // Handed over on the server; the page has not looked yet.
    expect(await visible('.order-status--paid, .order-status--ready_for_pickup').count()).toBe(1)

    await page.clock.fastForward(31_000)
    await visible('.order-status--picked_up').waitFor()
    expect(await visible('.pickup-code').count()).toBe(0)
    expect(await visible('.pickup-estimate').count()).toBe(0)
    const parcelStates = await visible('.checkout-parcel__status').evaluateAll((els) => els.map((el) => el.className))
    expect(parcelStates.length).toBe(order.parcels.length)
    for (const state of parcelStates) expect(state).toContain('parcel-status--picked_up')
    expect(await visible('.timeline-entry--picked_up').count()).toBe(1)
    expect(pageErrors).toEqual([])
  }, 90_000)
})
