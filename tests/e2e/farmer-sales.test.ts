import type { BrowserContext, Page } from 'playwright-core'
import type { Order } from '../../src/api'
import { addChinaDays, chinaDate } from '../../src/domain/china-time'
import { seedId } from '../../server/ids'
import { launchChromium } from '../support/chromium'
import { placePaidOrder, screenshot, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* The farmer's side in the H5 app, against the real server: a buyer pays for 王建国's lamb chops
   and 张二牛's 羊蝎子 (张二牛 has no phone). 王建国 sees on 我的 that he has one line to hand in,
   and on 我卖出的 where and by when; their cun xiao'er 白丽娟 prints the run's hand-in list, one
   large block per farmer, to go round the village with. */

const FARMER = '王建国'
const NO_PHONE = '张二牛'
const OPERATOR = '白丽娟'

describe('H5: what a farmer sold, and the printed hand-in list', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let runDate: string
  const consoleErrors: string[] = []

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    const lines = ([['lamb-chops', 2], ['lamb-spine', 3]] as const).map(([key, quantity]) => ({ listingId: seedId('lst', key), quantity }))
    runDate = ((await placePaidOrder(server.url, 'buyer-chenxiao', lines)) as Order).parcels[0].collectionRunDate!
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  const shot = (name: string) => screenshot(page, name)

  const signInAs = (name: string) => signInOnMe(page, server.url, name)

  it('counts the farmer’s goods to hand in on 我的, and says where and by when on 我卖出的', async () => {
    await signInAs(FARMER)
    await visible('.to-hand-in-badge').filter({ hasText: '1 样待交' }).waitFor()
    await visible('.role-entry--my-sales').click()
    const run = visible('.sales-run')
    await run.waitFor()
    const shown = await run.innerText()
    expect(shown).toContain('草原羔羊肉 羊排')
    expect(shown).toContain('待交货')
    expect(shown).toContain('¥136.00')
    expect(await visible('.hand-in').innerText()).toMatch(/^\d+月\d+日（周.）晚上8点前交到舍必崖村服务站$/)
    // Only his own line: 张二牛's 羊蝎子 in the same order is not his business, nor is the buyer.
    expect(shown).not.toContain('羊蝎子')
    expect(shown).not.toContain('陈晓')
    await shot('farmer-sales')
  })

  it('prints the run’s hand-in list for the cun xiao’er, one large block per farmer', async () => {
    await signInAs(OPERATOR)
    await visible('.role-entry--village-parcels').click()
    await visible('.date-today').waitFor()
    await visible('.date-tomorrow').click()
    if (runDate !== addChinaDays(chinaDate(new Date()), 1)) await visible('.date-pick input').fill(runDate)
    await visible('.farmer-parcels').first().waitFor()
    // On screen the list is not shown; 打印交货单 prints the page.
    expect(await visible('.hand-in-list').count()).toBe(0)
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void (window as unknown as { printed: number }).printed++
    })
    await shot('village-hand-in')
    await visible('.print-hand-in').click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

    await page.emulateMedia({ media: 'print' })
    expect(await visible('.farmer-parcels').count()).toBe(0)
    expect(await visible('.action-button').count()).toBe(0)
    const blocks = visible('.hand-in-farmer')
    expect(await blocks.count()).toBe(2)
    const zhang = blocks.filter({ hasText: NO_PHONE })
    expect(await zhang.innerText()).toMatch(/羊蝎子\s+3 斤/)
    expect(await zhang.innerText()).toMatch(/请在\d+月\d+日（周.）晚上8点前交到服务站/)
    const printed = await zhang.evaluate((el) => ({ name: getComputedStyle(el.querySelector('.hand-in-farmer__name')!).fontSize, breakInside: getComputedStyle(el).breakInside }))
    // 28 pt is about 37 px: large enough to read at arm's length.
    expect(parseFloat(printed.name)).toBeGreaterThanOrEqual(36)
    expect(printed.breakInside).toBe('avoid')
    await shot('village-hand-in-list-printed')
    await page.emulateMedia({ media: 'screen' })
  })

  it('shows the cun xiao’er what a farmer without a phone sold, from 本村农户', async () => {
    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    await visible('.role-entry--village-farmers').click()
    await visible('.farmer-row').filter({ hasText: NO_PHONE }).locator('.farmer-sales-link').click()
    await visible('.farmer-sales-name').filter({ hasText: NO_PHONE }).waitFor()
    const run = visible('.sales-run')
    await run.waitFor()
    expect(await run.innerText()).toMatch(/羊蝎子\s+3 斤/)
    expect(await visible('.hand-in').innerText()).toMatch(/晚上8点前交到舍必崖村服务站$/)
    expect(await run.innerText()).not.toContain('草原羔羊肉')
  })

  it('had no console errors', () => {
    expect(consoleErrors).toEqual([])
  })
})
