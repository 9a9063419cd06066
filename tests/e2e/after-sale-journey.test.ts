import type { BrowserContext, Page } from 'playwright-core'
import type { Order } from '../../src/api'
import { seedId } from '../../server/ids'
import { launchChromium } from '../support/chromium'
import { callAs, screenshot, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* The farmer's half of a sale in the H5 app, against the real server: 李秀英 sees that 陈晓's
   order for her 奶皮子 sold and by when to bring it to 新店子村's service center; the parcel moves
   to the county; at the desk the county staff find it short, record it and refund part of the
   line on 售后处理; 李秀英 then sees the problem and the amount taken back on 我卖出的. */

const FARMER = '李秀英'
const STAFF = '高志强'

describe('H5: a sale from the farmer’s side, with a short-weight case refunded in part', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let order: Order
  const pageErrors: string[] = []

  const api = (userKey: string, method: string, url: string, body?: object, headers: Record<string, string> = {}) => callAs(server.url, userKey, method, url, body, headers)

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)))
    const lines = [{ listingId: seedId('lst', 'milk-skin'), quantity: 2 }]
    const placed = (await api('buyer-chenxiao', 'POST', '/orders', { lines, pickupPointId: seedId('pup', 'horinger-center') }, { 'idempotency-key': `e2e-after-sale-${Date.now()}` })) as Order
    const { paymentId } = await api('buyer-chenxiao', 'POST', `/orders/${placed.id}/payments`, { provider: 'sandbox' })
    await api('buyer-chenxiao', 'POST', `/payments/sandbox/${paymentId}/confirm`, {})
    order = (await api('buyer-chenxiao', 'GET', `/orders/${placed.id}`)) as Order
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  const shot = (name: string) => screenshot(page, name)

  const signInAs = (name: string) => signInOnMe(page, server.url, name)

  /** 李秀英's line of this order on 我卖出的, opened from 我的. */
  async function farmerLine() {
    await signInAs(FARMER)
    await visible('.role-entry--my-sales').click()
    const line = visible('.sale-line').filter({ hasText: `订单号 ${order.number}` })
    await line.waitFor()
    return line
  }

  it('tells the farmer what sold, where and by when to hand it in', async () => {
    const line = await farmerLine()
    expect(await line.innerText()).toMatch(/奶皮子\s+2 斤/)
    expect(await line.innerText()).toContain('待交货')
    expect(await line.innerText()).toContain('¥120.00')
    const run = visible('.sales-run').filter({ has: line })
    expect(await run.locator('.hand-in').innerText()).toMatch(/^\d+月\d+日（周.）晚上8点前交到新店子村服务站$/)
    expect(await run.innerText()).not.toContain('陈晓')
  })

  it('follows the parcel to the county', async () => {
    const [parcel] = order.parcels
    await api('op-xindianzi', 'POST', `/parcels/${parcel.id}/collect`, {})
    expect(await (await farmerLine()).innerText()).toContain('已交到服务站')
    await api('staff-gao', 'POST', `/parcels/${parcel.id}/receive`, {})
    expect(await (await farmerLine()).innerText()).toContain('已到县城')
  })

  it('lets the desk record it short and refund part of the line on 售后处理', async () => {
    await signInAs(STAFF)
    await visible('.role-entry--verify').click()
    await visible('.code-input input').fill(order.pickupCode!)
    await visible('.verify-code').click()
    await visible('.handover').waitFor()
    await visible('.record-case').first().click()
    await visible('.case-form').waitFor()
    await visible('.case-kind--short_weight').click()
    await visible('.case-form__note textarea').fill('称了只有 1.8 斤')
    await visible('.case-form__submit').click()
    await visible('.handover').filter({ hasText: '已登记' }).waitFor()

    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    await visible('.role-entry--county-cases').click()
    const open = visible('.county-case').filter({ hasText: '缺斤少两' })
    await open.waitFor()
    expect(await open.innerText()).toContain('最多可退 ¥120.00')
    await page.waitForFunction(() => {
      const card = document.querySelector('.county-case')
      return card !== null && card.getBoundingClientRect().left >= 0 && card.getBoundingClientRect().left < 40
    })
    await shot('county-cases')
    await open.locator('.refund-yuan input').fill('12.00')
    await open.locator('.refund-case').click()
    await visible('.case-list').filter({ hasText: '退款 ¥12.00' }).waitFor()
  })

  it('shows the farmer the problem and what was taken back, the sale still hers', async () => {
    const line = await farmerLine()
    const shown = await line.innerText()
    expect(shown).toContain('买家已取货')
    expect(shown).toContain('缺斤少两')
    expect(shown).toContain('称了只有 1.8 斤')
    expect(shown).toContain('退款 ¥12.00')
    await line.scrollIntoViewIfNeeded()
    // The page slides in from the right: wait until it has arrived before the picture.
    await page.waitForFunction((number) => {
      const found = Array.from(document.querySelectorAll('.sale-line')).find((el) => el.textContent?.includes(number))
      return found !== undefined && Math.abs(found.getBoundingClientRect().left - found.closest('.sales-run')!.getBoundingClientRect().left) < 40 && found.closest('.sales-run')!.getBoundingClientRect().left >= 0 && found.closest('.sales-run')!.getBoundingClientRect().left < 40
    }, `订单号 ${order.number}`)
    await shot('farmer-sales-case')
    expect(pageErrors).toEqual([])
  })
})
