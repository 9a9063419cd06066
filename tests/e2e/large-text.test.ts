import type { BrowserContext, Page } from 'playwright-core'
import { seedId } from '../../server/ids'
import { launchChromium } from '../support/chromium'
import { type DemoServer, startDemoServer } from '../support/demo-server'
import { callAs, placePaidOrder, screenshot, setLargeText, signInOnMe } from '../support/h5-pages'

/* 大字模式 in the H5 app on the narrowest phone we support (320 px wide): switched on from 我的,
   it reaches every main page through the design tokens: text ≥ 20 px, the page's main button
   ≥ 60 × 60 px, line height ≥ 1.3, nothing wider than the screen. Each page is photographed in
   both modes (docs/screenshots/text-standard-*.png, text-large-*.png); the other pages of every
   role are checked for the same words, line height and width. One server, one browser. */

const WIDTH = 320
const LAMB = seedId('lst', 'lamb-chops')
// The pages' paths (src/routes.ts imports Taro, which jest here does not load).
const routes = {
  me: '/pages/me/index',
  home: '/pages/home/index',
  catalog: '/pages/catalog/index',
  cart: '/pages/cart/index',
  listing: `/pages/listing/index?id=${LAMB}`,
  checkout: `/packages/buyer/pages/checkout/index?lines=${LAMB}*1`,
  order: '/packages/buyer/pages/order/index?id=',
  sell: '/packages/farmer/pages/sell/index',
  review: '/packages/operator/pages/review/index',
  villageParcels: '/packages/operator/pages/parcels/index',
  verify: '/packages/county/pages/verify/index',
}

interface MainPage {
  name: string
  url: () => string
  /** Shows once the page has its data. */
  ready: string
  /** The page's main action, which must be a large target. */
  button: string
}

describe('H5: 大字模式 at 320 px', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let orderId = ''
  const consoleErrors: string[] = []

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  beforeAll(async () => {
    server = await startDemoServer()
    // A paid order of 王建国's lamb: the buyer's pickup code, and a parcel for 舍必崖's cun xiao'er.
    const order = await placePaidOrder(server.url, 'buyer-chenxiao', [{ listingId: LAMB, quantity: 2 }])
    orderId = order.id

    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: WIDTH, height: 640 })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const useMode = (large: boolean) => setLargeText(page, server.url, large)

  /** What a reader would find too small, too tight or off the screen on this page. */
  async function problemsOn(button: string): Promise<string[]> {
    return page.evaluate(
      ({ button, width }) => {
        const problems: string[] = []
        const describe = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`
        // Every element that shows text of its own (a text node child), as laid out.
        const texts = Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *')).filter((el) => {
          // Words and figures; a glyph drawn as text (the photo picker's +) is an icon.
          const own = Array.from(el.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(node.textContent ?? ''))
          const box = el.getBoundingClientRect()
          return own && box.width > 0 && box.height > 0
        })
        if (texts.length === 0) problems.push('no text on the page')
        for (const el of texts) {
          const style = getComputedStyle(el)
          const size = Number.parseFloat(style.fontSize)
          if (size < 20) problems.push(`font ${size}px: ${describe(el)}`)
          const lineHeight = style.lineHeight === 'normal' ? Number.NaN : Number.parseFloat(style.lineHeight)
          if (!(lineHeight >= 1.3 * size - 0.5)) problems.push(`line height ${style.lineHeight} for ${size}px: ${describe(el)}`)
          // Clipped: more text than box where the box hides the rest.
          if (style.overflow === 'hidden' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`clipped: ${describe(el)}`)
        }
        const main = Array.from(document.querySelectorAll(button)).find((el) => el.getBoundingClientRect().width > 0)
        if (!main) problems.push(`no ${button}`)
        else {
          const box = main.getBoundingClientRect()
          if (box.width < 60 || box.height < 60) problems.push(`${button} is ${Math.round(box.width)}×${Math.round(box.height)}`)
        }
        const scrollWidth = document.documentElement.scrollWidth
        if (scrollWidth > width) problems.push(`page ${scrollWidth}px wide`)
        return problems
      },
      { button, width: WIDTH },
    )
  }

  /** Each page in both modes, photographed; what is wrong in 大字模式, by page. */
  async function checkPages(pages: MainPage[]): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {}
    for (const large of [false, true]) {
      await useMode(large)
      for (const main of pages) {
        await page.goto(server.url + main.url(), { waitUntil: 'networkidle' })
        await visible(main.ready).first().waitFor()
        if (main.name !== 'cart') await screenshot(page, `text-${large ? 'large' : 'standard'}-${main.name}`)
        if (large) found[main.name] = await problemsOn(main.button)
      }
    }
    return found
  }
  const none = (pages: MainPage[]) => Object.fromEntries(pages.map((main) => [main.name, []]))

  it('is switched on from 我的 and kept on the phone', async () => {
    await useMode(true)
    await page.reload({ waitUntil: 'networkidle' })
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true)
    const bodySize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.querySelector('.me-page')!).fontSize))
    expect(bodySize).toBeGreaterThanOrEqual(20)
    await useMode(false)
    await page.reload({ waitUntil: 'networkidle' })
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(false)
  })

  it("reaches the buyer's pages: home, listing, cart, checkout, the order's pickup code", async () => {
    await signInOnMe(page, server.url, '陈晓（呼和浩特）')
    await page.goto(server.url + routes.listing, { waitUntil: 'networkidle' })
    await visible('.add-to-cart').click()
    const pages: MainPage[] = [
      { name: 'home', url: () => routes.home, ready: '.category-tile', button: '.category-tile' },
      { name: 'catalog', url: () => routes.catalog, ready: '.listing-card', button: '.listing-card' },
      { name: 'cart', url: () => routes.cart, ready: '.go-checkout', button: '.go-checkout' },
      { name: 'listing', url: () => routes.listing, ready: '.add-to-cart', button: '.add-to-cart' },
      { name: 'checkout', url: () => routes.checkout, ready: '.pay-button', button: '.pay-button' },
      { name: 'order', url: () => routes.order + orderId, ready: '.pickup-code', button: '.pickup-code' },
    ]
    expect(await checkPages(pages)).toEqual(none(pages))
  }, 120_000)

  it("reaches the farmer's sell form, the cun xiao'er's review queue and parcels, the county's pickup desk", async () => {
    const farmer: MainPage[] = [{ name: 'sell', url: () => routes.sell, ready: '.submit-listing', button: '.submit-listing' }]
    const operator: MainPage[] = [
      { name: 'review', url: () => routes.review, ready: '.approve-button', button: '.approve-button' },
      { name: 'parcels', url: () => routes.villageParcels, ready: '.collect-parcel', button: '.collect-parcel' },
    ]
    const county: MainPage[] = [{ name: 'pickup-desk', url: () => routes.verify, ready: '.verify-code', button: '.verify-code' }]
    await signInOnMe(page, server.url, '王建国')
    const found = await checkPages(farmer)
    await signInOnMe(page, server.url, '舍必崖村小二 白丽娟')
    Object.assign(found, await checkPages(operator))
    await signInOnMe(page, server.url, '县小二 高志强')
    Object.assign(found, await checkPages(county))
    expect(found).toEqual(none([...farmer, ...operator, ...county]))
  }, 120_000)

  it('keeps the other pages of every role readable in 大字模式', async () => {
    // No main button named here: the words, their line height and the width are checked.
    const byRole: [string, string[]][] = [
      ['陈晓（呼和浩特）', ['/packages/buyer/pages/orders/index', '/packages/account/pages/delete/index']],
      ['王建国', ['/packages/farmer/pages/listings/index', '/packages/farmer/pages/sales/index', '/packages/farmer/pages/income/index']],
      ['舍必崖村小二 白丽娟', ['/packages/operator/pages/farmers/index', '/packages/operator/pages/commissions/index', '/packages/operator/pages/income/index']],
      ['县小二 高志强', ['/packages/county/pages/manifest/index', '/packages/county/pages/pickups/index', '/packages/county/pages/report/index', '/packages/county/pages/cases/index', '/packages/county/pages/payouts/index']],
    ]
    const found: Record<string, string[]> = {}
    for (const [name, paths] of byRole) {
      await signInOnMe(page, server.url, name)
      await useMode(true)
      for (const path of paths) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' })
        // Drawn: the page in front shows words (its data, an empty state or the gate's message).
        await page.waitForFunction(() => Array.from(document.querySelectorAll('.taro_page')).some((el) => el.getBoundingClientRect().width > 0 && (el.textContent ?? '').trim().length > 10))
        found[path] = await problemsOn('body')
      }
    }
    expect(found).toEqual(Object.fromEntries(byRole.flatMap(([, paths]) => paths.map((path) => [path, []]))))
  }, 150_000)

  it("keeps the after-sale screens readable: the desk's and the buyer's case forms, the cases", async () => {
    const paidOrder = async (listing: string, village: string, handOver: boolean) => {
      const order = await placePaidOrder(server.url, 'buyer-chenxiao', [{ listingId: seedId('lst', listing), quantity: 1 }])
      await callAs(server.url, `op-${village}`, 'POST', `/parcels/${order.parcels[0].id}/collect`, {})
      await callAs(server.url, 'staff-gao', 'POST', `/parcels/${order.parcels[0].id}/receive`, {})
      if (handOver) await callAs(server.url, 'staff-gao', 'POST', '/pickups/verify', { code: order.pickupCode })
      return order as { id: string; pickupCode: string }
    }
    // 李秀英's 奶皮子 at the desk, found short; 王建国's lamb handed over, the buyer's 24 hours running.
    const atDesk = await paidOrder('milk-skin', 'xindianzi', false)
    const pickedUp = await paidOrder('lamb-chops', 'shebiya', true)
    const found: Record<string, string[]> = {}

    await signInOnMe(page, server.url, '县小二 高志强')
    await useMode(true)
    await page.goto(server.url + routes.verify, { waitUntil: 'networkidle' })
    await visible('.code-input input').fill(atDesk.pickupCode)
    await visible('.verify-code').click()
    await visible('.record-case').first().click()
    await visible('.case-form').waitFor()
    found['desk case form'] = await problemsOn('.case-form__submit')
    await screenshot(page, 'text-large-desk-case-form')
    await visible('.case-kind--short_weight').click()
    await visible('.case-form__note textarea').fill('称了只有 1.8 斤')
    await visible('.case-form__submit').click()
    await visible('.handover').filter({ hasText: '已登记' }).waitFor()
    await page.goto(server.url + '/packages/county/pages/cases/index', { waitUntil: 'networkidle' })
    await visible('.county-case').filter({ hasText: '缺斤少两' }).waitFor()
    found['county cases'] = await problemsOn('.refund-case')

    await signInOnMe(page, server.url, '陈晓（呼和浩特）')
    await page.goto(server.url + routes.order + pickedUp.id, { waitUntil: 'networkidle' })
    await visible('.report-case').first().click()
    await visible('.case-form').waitFor()
    found['buyer case form'] = await problemsOn('.case-form__submit')
    await screenshot(page, 'text-large-buyer-case-form')
    await page.goto(server.url + routes.order + atDesk.id, { waitUntil: 'networkidle' })
    await visible('.case-item').waitFor()
    found['buyer case list'] = await problemsOn('body')
    expect(found).toEqual({ 'desk case form': [], 'county cases': [], 'buyer case form': [], 'buyer case list': [] })
  }, 150_000)

  it('said nothing in the console', () => {
    expect(consoleErrors).toEqual([])
  })
})
