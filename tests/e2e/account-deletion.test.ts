import fs from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { seedId } from '../../server/ids'
import { BLOCKING_IMPACTS, describeFindings, runAxe } from '../support/axe'
import { launchChromium } from '../support/chromium'
import { callAs, placePaidOrder, screenshot, setLargeText, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* 注销账号 in the H5 app, against the real server: the buyer 周敏 exports her data (a download
   of the server's JSON), asks to delete her account while an order of hers is paid and waiting
   (the page names it by its number), cancels it, deletes, and is signed out on the home page; she
   is no longer among the demo users. 白丽娟 deletes the record of 张二牛, who has no phone, at his
   request, from 本村农户: his listings leave the catalog. The page passes axe in both text modes. */

const BUYER = '周敏'
const NO_PHONE = '张二牛'

describe('H5: 注销账号 and 导出我的数据', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let order: { id: string; number: string }
  const consoleErrors: string[] = []
  const visible = (selector: string) => page.locator(`${selector}:visible`)

  beforeAll(async () => {
    server = await startDemoServer()
    order = await placePaidOrder(server.url, 'buyer-zhoumin', [{ listingId: seedId('lst', 'lamb-chops'), quantity: 1 }])
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function openDeletionPage() {
    await page.goto(`${server.url}/pages/me/index`, { waitUntil: 'networkidle' })
    await visible('.role-entry--delete-account').click()
    await visible('.delete-account').waitFor()
  }

  it('exports her data as the server gives it', async () => {
    await signInOnMe(page, server.url, BUYER)
    await openDeletionPage()
    await screenshot(page, 'account-delete')
    const [download] = await Promise.all([page.waitForEvent('download'), visible('.export-data').click()])
    expect(download.suggestedFilename()).toBe('xiangji-my-data.json')
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
    expect(data.profile).toMatchObject({ id: seedId('usr', 'buyer-zhoumin'), name: '周敏（北京）', role: 'buyer' })
    expect(data.orders.map((o: { id: string }) => o.id)).toEqual([order.id])
    await visible('.export-summary').filter({ hasText: '订单 1 个' }).waitFor()
  })

  it('names the order still under way when the server refuses, and passes axe in both text modes', async () => {
    await visible('.delete-account').click()
    await visible('.confirm-delete').click()
    await visible('.open-order').filter({ hasText: `订单 ${order.number}` }).waitFor()
    expect(await visible('.me-name').count()).toBe(0)
    await page.evaluate(() => document.querySelector('.account-actions')?.scrollIntoView({ block: 'end' }))
    await screenshot(page, 'account-delete-refused')
    for (const large of [false, true]) {
      await setLargeText(page, server.url, large)
      await openDeletionPage()
      const findings = await runAxe(page, `delete account [${large ? 'large' : 'standard'}]`)
      const blocking = findings.filter((f) => BLOCKING_IMPACTS.includes(f.impact))
      if (blocking.length) throw new Error(describeFindings(blocking))
      if (large) await screenshot(page, 'account-delete-large')
    }
    await setLargeText(page, server.url, false)
  }, 120_000)

  it('deletes her account once the order is cancelled: signed out, at home, and gone from the demo users', async () => {
    await callAs(server.url, 'buyer-zhoumin', 'POST', `/orders/${order.id}/cancel`, {})
    await openDeletionPage()
    await visible('.delete-account').click()
    await visible('.confirm-delete').click()
    await page.waitForURL(/\/pages\/home\/index/)
    await page.goto(`${server.url}/pages/me/index`, { waitUntil: 'networkidle' })
    await visible('.demo-user').first().waitFor()
    expect(await visible('.demo-user').filter({ hasText: BUYER }).count()).toBe(0)
    expect(await visible('.sign-out').count()).toBe(0)
  })

  it("lets the cun xiao'er delete the record of a farmer without a phone, at his request", async () => {
    await signInOnMe(page, server.url, '白丽娟')
    await visible('.role-entry--village-farmers').click()
    const row = visible('.farmer-row').filter({ hasText: NO_PHONE })
    // Only a farmer with no account of her own has the button.
    expect(await visible('.farmer-row').filter({ hasText: '王建国' }).locator('.remove-farmer').count()).toBe(0)
    await row.locator('.remove-farmer').click()
    await page.locator('.taro-model__btn', { hasText: '确认删除' }).click()
    await row.waitFor({ state: 'detached' })
    const catalog = await (await fetch(`${server.url}/api/v1/listings?limit=100`)).json()
    expect(catalog.items.filter((l: { farmer: { id: string } }) => l.farmer.id === seedId('frm', 'zhang-erniu'))).toEqual([])
    expect(consoleErrors).toEqual([])
  })
})
