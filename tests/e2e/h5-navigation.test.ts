import type { BrowserContext, Page } from 'playwright-core'
import type { Listing } from '../../src/api'
import { launchChromium } from '../support/chromium'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* Finding the way in the H5 app, where no WeChat bar gives a back arrow: the sub-pages' header
   (返回 and the page's title) goes back where the buyer came from, or to a sensible parent when
   the page was opened directly; 已加入购物车 offers 去购物车; signing in from the cart or from a
   staff page comes back there. */

const BUYER = '陈晓（呼和浩特）'
const OPERATOR = '白丽娟'

// Each step is a few page loads; on a machine busy with other test files they can take a while.
jest.setTimeout(60_000)

describe('H5: the way back and the way on', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let listing: Listing
  const consoleErrors: string[] = []

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    const live = (await (await fetch(`${server.url}/api/v1/listings?limit=20`)).json()) as { items: Listing[] }
    listing = live.items.find((l) => l.stock >= 2)!
    expect(listing).toBeTruthy()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const visible = (selector: string) => page.locator(`${selector}:visible`)
  const pathname = () => new URL(page.url()).pathname

  it('goes back to the page it came from, with the title of the page it is on', async () => {
    await page.goto(server.url + '/pages/catalog/index', { waitUntil: 'networkidle' })
    // Tab pages have the tab bar, not a back header.
    expect(await visible('.page-header').count()).toBe(0)
    await visible('.listing-card').first().click()
    await visible('.listing-name').waitFor()
    expect(await visible('.page-header__title').innerText()).toBe('商品详情')
    await visible('.page-header__back').click()
    await page.waitForURL((url) => url.pathname === '/pages/catalog/index')
    await visible('.listing-card').first().waitFor()
  })

  it('goes to the home tab from a listing opened directly, with nothing below it', async () => {
    await page.goto(`${server.url}/pages/listing/index?id=${listing.id}`, { waitUntil: 'networkidle' })
    await visible('.listing-name').waitFor()
    await visible('.page-header__back').click()
    await page.waitForURL((url) => url.pathname === '/pages/home/index' || url.pathname === '/')
    await visible('.home-page').waitFor()
  })

  it('offers 去购物车 once a line is in the cart, whose 返回 goes home (a tab closes the pages below it)', async () => {
    await page.goto(`${server.url}/pages/catalog/index`, { waitUntil: 'networkidle' })
    await page.goto(`${server.url}/pages/listing/index?id=${listing.id}`, { waitUntil: 'networkidle' })
    expect(await visible('.added-bar').count()).toBe(0)
    await visible('.add-to-cart').click()
    expect(await visible('.added-bar').innerText()).toContain('已加入购物车')
    // It stays: an older buyer reads at their own pace.
    await page.waitForTimeout(3_000)
    await visible('.go-to-cart').click()
    await page.waitForURL((url) => url.pathname === '/pages/cart/index')
    await visible('.cart-line').filter({ hasText: listing.title }).waitFor()
    expect(await visible('.cart-page .page-header__title').innerText()).toBe('购物车')
    await visible('.cart-page .page-header__back').click()
    await page.waitForURL((url) => url.pathname === '/pages/home/index' || url.pathname === '/')
    await visible('.home-page').waitFor()
  })

  it('comes back to the cart after signing in from it', async () => {
    await page.goto(`${server.url}/pages/cart/index`, { waitUntil: 'networkidle' })
    await visible('.cart-sign-in').click()
    await page.waitForURL((url) => url.pathname === '/pages/me/index')
    await visible('.demo-user').filter({ hasText: BUYER }).click()
    await page.waitForURL((url) => url.pathname === '/pages/cart/index')
    // Signed in now: the cart asks the server for the total.
    await visible('.cart-total').filter({ hasText: '¥' }).waitFor()
    await visible('.cart-line').filter({ hasText: listing.title }).waitFor()
  })

  it('stays on 我的 when it was opened from its tab and a page asked nothing', async () => {
    await page.goto(`${server.url}/pages/me/index`, { waitUntil: 'networkidle' })
    await visible('.sign-out').click()
    await visible('.demo-user').filter({ hasText: BUYER }).click()
    await visible('.me-name').filter({ hasText: BUYER }).waitFor()
    await page.waitForTimeout(500)
    expect(pathname()).toBe('/pages/me/index')
  })

  it('gives a staff page opened directly a way to 我的, and brings the operator back once signed in', async () => {
    await page.goto(`${server.url}/packages/operator/pages/review/index`, { waitUntil: 'networkidle' })
    expect(await visible('.page-header__title').innerText()).toBe('审核队列')
    await visible('.page-header__back').click()
    await page.waitForURL((url) => url.pathname === '/pages/me/index')

    await page.goto(`${server.url}/packages/operator/pages/review/index`, { waitUntil: 'networkidle' })
    // The buyer is signed in: the page asks for a cun xiao'er, who signs in on 我的.
    await visible('.role-gate .state-view__retry').click()
    await page.waitForURL((url) => url.pathname === '/pages/me/index')
    await visible('.sign-out').click()
    await visible('.demo-user').filter({ hasText: OPERATOR }).click()
    await page.waitForURL((url) => url.pathname === '/packages/operator/pages/review/index')
    await visible('.review-page').waitFor()
    expect(await visible('.role-gate').count()).toBe(0)
  })

  it('logs no errors in the console', () => {
    expect(consoleErrors).toEqual([])
  })
})
