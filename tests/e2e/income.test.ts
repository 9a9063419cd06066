import type { BrowserContext, Page } from 'playwright-core'
import { seedId } from '../../server/ids'
import { settleDueSales } from '../../server/services/ledger/settle-sales'
import { formatYuan } from '../../src/domain/money'
import { launchChromium } from '../support/chromium'
import { callAs, placePaidOrder, screenshot, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* Statements in the H5 app, against the real server: 张二牛 (no phone) sold 羊蝎子; the buyer picked
   it up a day ago, so it settled; a county clerk drew up a payout run and a second approved it;
   he was paid in cash at the service center, recorded with its receipt by one clerk and approved
   by the other. Another order of his is paid and waits. His cun xiao'er 白丽娟 opens his statement
   from 本村农户 and prints it for him: his name, village and month, the balances, the lines by
   order number, the cash payout with its reference, and none of the page's buttons. 王建国 reads
   his own 我的收入. */

const NO_PHONE = '张二牛'
const ZHANG = seedId('frm', 'zhang-erniu')
const RECEIPT = '现金 收据0031'

describe('H5: 我的收入, and a farmer’s statement printed by the cun xiao’er', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let soldNumber: string
  const consoleErrors: string[] = []

  const api = (userKey: string, method: string, url: string, body?: object, headers: Record<string, string> = {}) => callAs(server.url, userKey, method, url, body, headers)
  async function paidSpine() {
    return placePaidOrder(server.url, 'buyer-chenxiao', [{ listingId: seedId('lst', 'lamb-spine'), quantity: 3 }])
  }

  beforeAll(async () => {
    server = await startDemoServer()
    const { db, dialect } = server.database
    const sold = await paidSpine()
    soldNumber = sold.number
    const [parcel] = sold.parcels
    await api('op-shebiya', 'POST', `/parcels/${parcel.id}/collect`, {})
    await api('staff-gao', 'POST', `/parcels/${parcel.id}/receive`, {})
    await api('staff-gao', 'POST', '/pickups/verify', { code: sold.pickupCode })
    // Picked up a day ago: past the after-sale window (the server tests move the clock the same way).
    await db.updateTable('orders').set({ endedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('id', '=', sold.id).execute()
    await settleDueSales({ db, dialect, clock: () => new Date() })
    const run = await api('staff-gao', 'POST', '/county/payout-runs', {})
    const approved = await api('staff-li', 'POST', `/county/payout-runs/${run.id}/approve`, {})
    const cash = approved.payouts.find((p: { payeeId: string }) => p.payeeId === ZHANG)
    await api('staff-gao', 'POST', `/payouts/${cash.id}/record-offline`, { reference: RECEIPT })
    await api('staff-li', 'POST', `/payouts/${cash.id}/approve-offline`, {})
    await paidSpine()

    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  it('shows the cun xiao’er a farmer’s statement from 本村农户 and prints it for him', async () => {
    const statement = await api('op-shebiya', 'GET', `/farmers/${ZHANG}/statement`)
    expect(statement.paidOutFen).toBeGreaterThan(0)
    expect(statement.pendingFen).toBeGreaterThan(0)
    await signInOnMe(page, server.url, '白丽娟')
    await visible('.role-entry--village-farmers').click()
    await visible('.farmer-row').filter({ hasText: NO_PHONE }).locator('.farmer-income-link').click()
    await visible('.farmer-income-name').filter({ hasText: NO_PHONE }).waitFor()
    await visible('.payout-list').waitFor()
    expect(await visible('.paid-out-amount').innerText()).toBe(formatYuan(statement.paidOutFen))
    expect(await visible('.pending-amount').innerText()).toBe(formatYuan(statement.pendingFen))
    expect(await visible('.statement-group--sale').innerText()).toContain(`订单 ${soldNumber}`)
    expect(await visible('.payout-list').innerText()).toContain(`凭证：${RECEIPT}`)
    // On screen the print heading is not shown; 打印对账单 prints the page.
    expect(await visible('.statement-print-head').count()).toBe(0)
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void (window as unknown as { printed: number }).printed++
    })
    await screenshot(page, 'farmer-statement')
    await visible('.print-statement').click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

    await page.emulateMedia({ media: 'print' })
    expect(await visible('.action-button').count()).toBe(0)
    expect(await visible('.month-switcher').count()).toBe(0)
    const head = await visible('.statement-print-head').first().innerText()
    expect(head).toContain(NO_PHONE)
    expect(head).toContain('舍必崖村')
    expect(head).toMatch(/\d{4}年\d{1,2}月对账单/)
    expect(await visible('.income-balances').innerText()).toContain(formatYuan(statement.paidOutFen))
    expect(await visible('.payout-list').innerText()).toMatch(/已到账 · 线下支付（现金或银行转账）[\s\S]*凭证：现金 收据0031/)
    const card = await visible('.statement-group--sale').evaluate((el) => getComputedStyle(el).breakInside)
    expect(card).toBe('avoid')
    await screenshot(page, 'farmer-statement-printed')
    await page.emulateMedia({ media: 'screen' })
  })

  it('shows the cun xiao’er his own commission by order number', async () => {
    const his = await api('op-shebiya', 'GET', '/my/statement')
    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    await visible('.role-entry--operator-income').click()
    await visible('.statement-group--commission').waitFor()
    expect(await visible('.statement-group--commission').innerText()).toContain(`订单 ${soldNumber}`)
    expect(await visible('.payable-amount').innerText()).toBe(formatYuan(his.payableFen))
    await screenshot(page, 'operator-income')
  })

  it('shows a farmer her own 我的收入, with the after-sale window said in words', async () => {
    await signInOnMe(page, server.url, '王建国')
    await visible('.role-entry--my-income').click()
    await visible('.income-balances').waitFor()
    expect(await visible('.income-balances').innerText()).toContain('收货后24小时售后期结束才能结算')
    expect(await visible('.month-switcher').innerText()).toMatch(/\d{4}年\d{1,2}月/)
  })

  it('had no console errors', () => {
    expect(consoleErrors).toEqual([])
  })
})
