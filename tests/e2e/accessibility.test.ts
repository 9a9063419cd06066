import type { BrowserContext, Page } from 'playwright-core'
import type { Order } from '../../src/api'
import { seedId } from '../../server/ids'
import { type AxeFinding, BLOCKING_IMPACTS, describeFindings, runAxe } from '../support/axe'
import { launchChromium } from '../support/chromium'
import { placePaidOrder, setLargeText, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* Every page of every role in the H5 app, checked by axe-core once it has rendered, against the
   real server with the demo county and one paid order (so the order, the farmer's sales, the
   village's parcels and the county's manifest have something to show). A serious or critical
   violation fails; moderate ones are printed. Many of our users are older: this is the floor,
   not the goal. */

/* Every page is checked in both text modes: 大字模式 changes every size and some layouts. */
type TextMode = 'standard' | 'large'
const TEXT_MODES: TextMode[] = ['standard', 'large']

const LAMB = seedId('lst', 'lamb-chops')
const FARMER = seedId('frm', 'wang-jianguo')

interface Visit {
  name: string
  url: (orderId: string) => string
}
interface RoleTour {
  role: string
  /** The demo user to sign in as on 我的; null: nobody signed in. */
  user: string | null
  pages: Visit[]
}

// src/routes.ts names these too, but imports Taro, which jest's node environment cannot load.
const withId = (path: string, key: string, id: string) => `${path}?${key}=${encodeURIComponent(id)}`
const at = (name: string, url: string): Visit => ({ name, url: () => url })

const TOURS: RoleTour[] = [
  {
    role: 'visitor',
    user: null,
    pages: [at('home', '/pages/home/index'), at('catalog', '/pages/catalog/index'), at('listing', withId('/pages/listing/index', 'id', LAMB)), at('cart', '/pages/cart/index'), at('me (signed out)', '/pages/me/index')],
  },
  {
    role: 'buyer',
    user: '陈晓',
    pages: [
      at('me (buyer)', '/pages/me/index'),
      at('cart', '/pages/cart/index'),
      at('checkout', withId('/packages/buyer/pages/checkout/index', 'lines', `${LAMB}*1`)),
      at('orders', '/packages/buyer/pages/orders/index'),
      { name: 'order', url: (orderId) => withId('/packages/buyer/pages/order/index', 'id', orderId) },
      at('delete account', '/packages/account/pages/delete/index'),
    ],
  },
  {
    role: 'farmer',
    user: '王建国',
    pages: [at('me (farmer)', '/pages/me/index'), at('sell', '/packages/farmer/pages/sell/index'), at('my listings', '/packages/farmer/pages/listings/index'), at('my sales', '/packages/farmer/pages/sales/index'), at('my income', '/packages/farmer/pages/income/index'), at('listing history', withId('/packages/farmer/pages/history/index', 'id', LAMB))],
  },
  {
    role: 'operator',
    user: '白丽娟',
    pages: [
      at('me (operator)', '/pages/me/index'),
      at('review', '/packages/operator/pages/review/index'),
      at('farmers', '/packages/operator/pages/farmers/index'),
      at('list for farmer', withId('/packages/operator/pages/list-for-farmer/index', 'farmerId', FARMER)),
      at('village parcels', '/packages/operator/pages/parcels/index'),
      at('commissions', '/packages/operator/pages/commissions/index'),
      at('operator income', '/packages/operator/pages/income/index'),
      at('farmer sales', withId('/packages/operator/pages/farmer-sales/index', 'farmerId', FARMER)),
      at('farmer income', `${withId('/packages/operator/pages/farmer-income/index', 'farmerId', FARMER)}&name=${encodeURIComponent('王建国')}`),
      at('operator listing history', withId('/packages/operator/pages/history/index', 'id', LAMB)),
    ],
  },
  {
    role: 'county staff',
    user: '高志强',
    pages: [
      at('me (county)', '/pages/me/index'),
      at('manifest', '/packages/county/pages/manifest/index'),
      at('pickups', '/packages/county/pages/pickups/index'),
      at('verify', '/packages/county/pages/verify/index'),
      at('subsidy report', '/packages/county/pages/report/index'),
      at('cases', '/packages/county/pages/cases/index'),
      at('payout runs', '/packages/county/pages/payouts/index'),
      at('shipping uploads', '/packages/county/pages/shipping/index'),
      at('reconciliation', '/packages/county/pages/reconciliation/index'),
    ],
  },
]

describe('H5: accessibility of every page (axe-core)', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let orderId: string
  const moderate: AxeFinding[] = []
  const blockingSeen: AxeFinding[] = []

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    const order = (await placePaidOrder(server.url, 'buyer-chenxiao', [{ listingId: LAMB, quantity: 1 }])) as Order
    orderId = order.id
  }, 60_000)

  afterAll(async () => {
    const counted = (list: AxeFinding[]) => `${list.length} (page, rule) pairs, ${list.reduce((n, f) => n + f.targets.length, 0)} elements`
    console.log(`axe on ${TOURS.reduce((n, t) => n + t.pages.length, 0)} pages × ${TEXT_MODES.length} text modes: serious/critical ${counted(blockingSeen)}, moderate ${counted(moderate)}`)
    await browser?.close()
    await server?.close()
  })

  /** Waits until the page has drawn what its data says: the answers are in, no spinner shows. */
  async function openRendered(url: string): Promise<void> {
    await page.goto(server.url + url, { waitUntil: 'networkidle' })
    await page.waitForFunction(() => {
      const visible = (el: Element) => (el as HTMLElement).offsetParent !== null
      return Array.from(document.querySelectorAll('.taro_page')).some(visible) && !Array.from(document.querySelectorAll('.state-view--loading')).some(visible)
    })
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 }).catch(() => undefined)
  }

  async function signOut(): Promise<void> {
    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    const signOutButton = page.locator('.sign-out:visible')
    if (await signOutButton.count()) {
      await signOutButton.click()
      await page.locator('.sign-out').waitFor({ state: 'detached' })
    }
  }

  it('speaks Chinese, lets the buyer pinch to zoom, and names photos, regions and rows', async () => {
    await signOut()
    await openRendered(withId('/pages/listing/index', 'id', LAMB))
    const shown = await page.evaluate(() => {
      const page = Array.from(document.querySelectorAll('.taro_page')).find((el) => (el as HTMLElement).offsetParent !== null)!
      return {
        lang: document.documentElement.lang,
        viewport: document.querySelector('meta[name=viewport]')?.getAttribute('content'),
        main: page.getAttribute('role'),
        alts: Array.from(page.querySelectorAll('.gallery-photo img')).map((img) => img.getAttribute('alt')),
        thumbs: page.querySelector('.gallery__thumbs')?.getAttribute('tabindex'),
      }
    })
    expect(shown.lang).toBe('zh-CN')
    expect(shown.viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0*)?\b/)
    expect(shown.main).toBe('main')
    expect(shown.alts[0]).toBe('草原羔羊肉 羊排 第1张')
    expect(shown.alts[1]).toBe('草原羔羊肉 羊排 第2张')
    expect(shown.thumbs).toBe('0')
    await openRendered('/pages/catalog/index')
    expect(await page.locator('[role=navigation]:visible').getAttribute('aria-label')).toBe('主菜单')
    expect(await page.locator('.category-filter:visible').getAttribute('aria-label')).toBe('按品类挑选')
    // Chips and tabs answer the keyboard as they answer a tap.
    const lambChip = page.locator('.category-filter:visible .chip').nth(1)
    await lambChip.focus()
    await page.keyboard.press('Enter')
    await page.locator('.category-filter:visible .chip--selected[aria-pressed=true]').nth(0).filter({ hasText: await lambChip.innerText() }).waitFor()
    await page.locator('.tab-home:visible').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/pages\/home\/index/)
  })

  for (const mode of TEXT_MODES) {
    for (const tour of TOURS) {
      it(`has no serious or critical violation for the ${tour.role} (${mode} text)`, async () => {
        if (tour.user) await signInOnMe(page, server.url, tour.user)
        else await signOut()
        await setLargeText(page, server.url, mode === 'large')
        const findings: AxeFinding[] = []
        for (const visit of tour.pages) {
          await openRendered(visit.url(orderId))
          findings.push(...(await runAxe(page, `${visit.name} [${mode}]`)))
        }
        const blocking = findings.filter((f) => BLOCKING_IMPACTS.includes(f.impact))
        const minor = findings.filter((f) => f.impact === 'moderate')
        moderate.push(...minor)
        blockingSeen.push(...blocking)
        if (minor.length) console.log(`moderate accessibility findings (${tour.role}, ${mode} text):\n${describeFindings(minor)}`)
        if (blocking.length) throw new Error(`serious or critical accessibility violations (${tour.role}, ${mode} text):\n${describeFindings(blocking)}`)
      }, 120_000)
    }
  }
})
