import type { Page } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* A county-sized catalog (3,000 listings) stays light: the virtual list draws only the rows in
   view, pages arrive by cursor as the buyer scrolls, and no row is drawn twice. */
describe('H5: a long catalog', () => {
  let server: DemoServer
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page

  beforeAll(async () => {
    server = await startDemoServer({ extraListings: 3000 })
    browser = await launchChromium()
    page = await browser.context.newPage()
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const cardCount = () => page.locator('.listing-card').count()
  const requestedPages: string[] = []

  it('loads further pages as the buyer scrolls, while the DOM keeps only a window of rows', async () => {
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/listings?')) requestedPages.push(request.url())
    })
    await page.goto(server.url + '/pages/catalog/index', { waitUntil: 'networkidle' })
    await page.locator('.listing-card').first().waitFor()
    const firstPages = requestedPages.length

    // Scroll the list down, flick by flick, as a thumb would.
    await page.mouse.move(180, 500)
    for (let flick = 0; flick < 30; flick++) {
      await page.mouse.wheel(0, 2500)
      await page.waitForTimeout(100)
      expect(await cardCount()).toBeLessThan(40)
    }
    await page.waitForLoadState('networkidle')
    expect(requestedPages.length).toBeGreaterThan(firstPages + 2)
    const cursors = requestedPages.map((url) => new URL(url).searchParams.get('cursor'))
    expect(new Set(cursors).size).toBe(cursors.length) // every page asked for once
    const titles = await page.locator('.listing-card .listing-title').allInnerTexts()
    expect(new Set(titles).size).toBe(titles.length)
    expect(titles.length).toBeGreaterThan(0)
  })
})
