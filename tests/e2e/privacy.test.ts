import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { BLOCKING_IMPACTS, describeFindings, runAxe } from '../support/axe'
import { launchChromium } from '../support/chromium'
import { type DemoServer, startDemoServer } from '../support/demo-server'
import { screenshot, signInOnMe } from '../support/h5-pages'

/* The privacy guide in the H5 app, on a browser that has not answered it: offered up front on the
   first page, in plain words (and readable by axe in both text modes); 不同意 leaves the catalog
   open with a note; the farmer's first photo pick asks again, and declining collects nothing
   while the draft stays; agreeing opens the file picker and is remembered. */


describe('H5: the privacy guide before anything is collected', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  const pageErrors: string[] = []
  let photo = ''
  const visible = (selector: string) => page.locator(`${selector}:visible`)
  const titleField = () => page.locator('.input-title input, input.input-title').first()

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium({ privacyAgreed: false })
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)))
    photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-privacy-')), 'IMG_20261202.jpg')
    await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toFile(photo)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('offers the guide up front, in plain words a screen reader and an older eye can read', async () => {
    await page.goto(`${server.url}/pages/home/index`, { waitUntil: 'networkidle' })
    const sheet = visible('.privacy-sheet')
    await sheet.waitFor()
    const said = await sheet.innerText()
    for (const item of ['乡集怎样使用你的信息', '微信身份', '照片', '取货点', '农户的电话', '同意', '不同意']) expect(said).toContain(item)
    expect(await sheet.getAttribute('role')).toBe('dialog')
    await screenshot(page, 'privacy-sheet')

    const blocking = (await runAxe(page, 'privacy sheet (standard)')).filter((f) => BLOCKING_IMPACTS.includes(f.impact))
    // 大字 on the sheet itself: whoever cannot read it need not find 我的 first.
    await visible('.privacy-text-size').click()
    await page.waitForFunction(() => document.documentElement.classList.contains('large-text'))
    expect(Number.parseFloat(await visible('.privacy-item__why').first().evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20)
    await screenshot(page, 'privacy-sheet-large')
    blocking.push(...(await runAxe(page, 'privacy sheet (large)')).filter((f) => BLOCKING_IMPACTS.includes(f.impact)))
    await visible('.privacy-text-size').click()
    await page.waitForFunction(() => !document.documentElement.classList.contains('large-text'))
    expect(describeFindings(blocking)).toBe('')
  }, 90_000)

  it('leaves the catalog open after 不同意, with a note of what needs the agreement', async () => {
    await page.goto(`${server.url}/pages/home/index`, { waitUntil: 'networkidle' })
    await visible('.privacy-decline').click()
    await visible('.privacy-note').waitFor()
    expect(await visible('.privacy-sheet').count()).toBe(0)
    expect(await visible('.privacy-note').innerText()).toContain('可以照常浏览和下单；拍照上架、售后拍照和扫码取货要同意后才能用')
    await visible('.category-tile').first().waitFor()
    // At the top, where the buyer sees it first.
    expect(await visible('.privacy-note').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(300)
    await screenshot(page, 'privacy-declined')
    await page.goto(`${server.url}/pages/catalog/index`, { waitUntil: 'networkidle' })
    await visible('.listing-card').first().waitFor()
    expect(await visible('.privacy-note').count()).toBe(1)
    // Not pressed again on the next visit.
    await page.reload({ waitUntil: 'networkidle' })
    await visible('.privacy-note').waitFor()
    expect(await visible('.privacy-sheet').count()).toBe(0)
  })

  it("asks at the farmer's first photo: declined, no picker and the draft stays; agreed, the picker opens", async () => {
    await signInOnMe(page, server.url, '王建国')
    await page.goto(`${server.url}/packages/farmer/pages/sell/index`, { waitUntil: 'networkidle' })
    await titleField().fill('没同意也不丢的羊肉')
    let pickers = 0
    page.on('filechooser', () => pickers++)

    await visible('.add-photo').click()
    await visible('.privacy-sheet').filter({ hasText: '拍照或选照片之前，需要你先同意' }).waitFor()
    await visible('.privacy-decline').click()
    await visible('.privacy-sheet').waitFor({ state: 'detached' })
    await page.getByText('没有同意隐私保护指引，不能拍照或选照片').waitFor()
    expect(pickers).toBe(0)
    expect(await visible('.draft-photo').count()).toBe(0)
    expect(await titleField().inputValue()).toBe('没同意也不丢的羊肉')

    await visible('.add-photo').click()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible('.privacy-agree').click()])
    expect(pickers).toBe(1)
    await chooser.setFiles(photo)
    await visible('.draft-photo').first().waitFor()
    expect(await titleField().inputValue()).toBe('没同意也不丢的羊肉')

    // Agreed on this browser: the next visit asks nothing.
    await page.goto(`${server.url}/pages/home/index`, { waitUntil: 'networkidle' })
    await visible('.category-tile').first().waitFor()
    expect(await visible('.privacy-sheet').count()).toBe(0)
    expect(await visible('.privacy-note').count()).toBe(0)
    expect(pageErrors).toEqual([])
  }, 90_000)
})
