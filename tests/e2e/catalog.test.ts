import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { screenshot } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* A buyer in the H5 app against the real server with the demo county: home → category →
   listing, photos load, no console errors. Screenshots go to test-output/screenshots/; `npm run
   screenshots` copies the README's into docs/. */

describe('H5: a buyer browses the catalog', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  const consoleErrors: string[] = []
  const failedRequests: string[] = []

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    // With its stack: an error thrown in a timer names no page of ours in its message.
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    // A request the page itself abandons (an image scrolled away, a page left) is no failure.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failedRequests.push(`${request.failure()?.errorText} ${request.url()}`)
    })
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`)
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A screenshot once the page has finished sliding in (Taro's H5 page transition). */
  const shot = (name: string) => screenshot(page, name)

  /** Every <img> in view has loaded real pixels. */
  async function expectImagesLoaded(selector: string) {
    await page.waitForFunction(
      (sel) => {
        const images = Array.from(document.querySelectorAll(`${sel} img`)) as HTMLImageElement[]
        return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0)
      },
      selector,
      { timeout: 15_000 },
    )
  }

  it('shows the categories with their counts and the newest listings on the home page', async () => {
    await page.goto(server.url + '/', { waitUntil: 'networkidle' })
    const tiles = page.locator('.category-tile')
    await tiles.first().waitFor()
    expect(await tiles.count()).toBe(4)
    const tileText = (await tiles.allInnerTexts()).join(' ')
    for (const label of ['羊肉', '乳制品', '粮食', '其他']) expect(tileText).toContain(label)
    expect(tileText).toMatch(/6/) // six live lamb listings in the demo county
    await page.locator('.listing-card').first().waitFor()
    expect(await page.locator('.listing-card').count()).toBeGreaterThanOrEqual(5)
    await expectImagesLoaded('.listing-card')
    await shot('home')
  })

  it('opens a category and shows only its listings', async () => {
    await page.locator('.category-tile', { hasText: '乳制品' }).click()
    await page.locator('.listing-card').first().waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.listing-card').length === 5, null, { timeout: 10_000 })
    const titles = await page.locator('.listing-card .listing-title').allInnerTexts()
    expect(titles).toEqual(expect.arrayContaining(['鲜牛奶（当日挤）', '奶皮子', '奶豆腐']))
    expect(titles.join()).not.toContain('羊排')
    await expectImagesLoaded('.listing-card')
    await shot('catalog')
  })

  it('searches by keyword', async () => {
    const search = page.locator('.search-input input, input.search-input').first()
    await search.fill('奶皮子')
    await search.press('Enter')
    await page.waitForFunction(() => document.querySelectorAll('.listing-card').length === 1, null, { timeout: 10_000 })
    expect(await page.locator('.listing-card .listing-title').innerText()).toBe('奶皮子')
  })

  it('opens a listing with its photos, price per unit, stock, farmer and village', async () => {
    await page.locator('.listing-card').first().click()
    await page.locator('.listing-price').waitFor()
    expect(await page.locator('.listing-price').innerText()).toContain('¥60.00/斤')
    expect(await page.locator('.listing-stock').innerText()).toContain('15')
    const body = await page.locator('body').innerText()
    expect(body).toContain('李秀英')
    expect(body).toContain('新店子村')
    expect(body).toContain('手工熬制')
    await expectImagesLoaded('.gallery')
    expect(await page.locator('.gallery-photo').count()).toBe(2)
    await shot('listing')
  })

  it('shows 已售罄 on a sold-out listing', async () => {
    await page.goto(server.url + '/', { waitUntil: 'networkidle' })
    await page.locator('.category-tile', { hasText: '羊肉' }).click()
    await page.locator('.listing-card', { hasText: '羊杂' }).click()
    await page.locator('.listing-stock').waitFor()
    expect(await page.locator('.listing-stock').innerText()).toContain('已售罄')
  })

  it('lets a visitor choose a demo user on the Me page, and shows who is signed in', async () => {
    await page.goto(server.url + '/', { waitUntil: 'networkidle' })
    await page.locator('.tab-me, .taro-tabbar__tabbar-item:last-child').first().click()
    await page.locator('.demo-user').first().waitFor()
    await shot('me-demo-users')
    await page.locator('.demo-user', { hasText: '陈晓' }).click()
    await page.locator('.me-name').waitFor()
    expect(await page.locator('.me-name').innerText()).toContain('陈晓')
    expect(await page.locator('body').innerText()).toContain('买家')
    await shot('me')
  })

  it('had no console errors and no failed requests', () => {
    expect(consoleErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })
})
