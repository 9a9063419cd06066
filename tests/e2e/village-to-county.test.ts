import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import type { Order } from '../../src/api'
import { addChinaDays, addChinaMonths, chinaDate, chinaMonth } from '../../src/domain/china-time'
import { launchChromium } from '../support/chromium'
import { screenshot, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* From village to county in the H5 app, every step through the UI of the real server, each role
   signing in on 我的: the farmer 王建国 lists 手把羊肉 by photo, the cun xiao'er 白丽娟 approves it,
   the buyer 陈晓 orders two 斤 and pays (sandbox), 白丽娟 collects the parcel on its run's day,
   the county staff member 高志强 receives it from the manifest (and prints it) and hands it over
   on the code the buyer's order page shows, the buyer's timeline says 已取货, and 白丽娟 sees her
   commission. Then the money: 王建国's 我的收入 shows the sale waiting out its 24-hour after-sale
   window, a day passes on the server (its jobs settle the sale) and it is his to be paid; 高志强
   draws up the county's payout run, which only a second clerk, 李春梅, may approve. The demo's
   people have no WeChat account, so the payout is the cash one at the service center: 高志强
   records it with its receipt number and 李春梅 confirms it, and 王建国's 我的收入 shows it arrived.
   Only the run's date and the order's id are read from the API, to check the pages.
   Each role's main page goes to test-output/screenshots/. */

const TITLE = '手把羊肉 乡集直送'
const FARMER = '王建国'
const OPERATOR = '白丽娟' // 舍必崖村, 王建国's village
const BUYER = '陈晓'
const STAFF = '高志强'
const SECOND_CLERK = '李春梅' // the demo county's other clerk: the four-eyes rule needs two
const CASH_RECEIPT = '现金收据 0001203'
/** 2 斤 × ¥68.00, less the cun xiao'er's 5 % (¥6.80): what the sale leaves the farmer. */
const FARMER_SHARE = '¥129.20'
const DAY_AND_AN_HOUR_MS = 25 * 3600_000

describe('H5: a parcel from the village to the buyer’s hands at the county center', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let photoDir: string
  let photo: string
  let orderId: string
  let pickupCode: string
  let orderNumber: string
  let runDate: string
  const consoleErrors: string[] = []

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    // A step that cannot find its element fails on that element, not on the test's own timeout.
    page.setDefaultTimeout(15_000)
    page.on('console', (message) => {
      // The wrong code typed on purpose is the server's 404, which the browser logs; the app does not.
      if (message.type() === 'error' && !message.location().url.endsWith('/api/v1/pickups/verify')) consoleErrors.push(message.text())
    })
    // With its stack: an error thrown in a timer names no page of ours in its message.
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-camera-'))
    photo = path.join(photoDir, 'IMG_20261128_0930.jpg')
    await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 180, g: 70, b: 60 } } }).jpeg({ quality: 90 }).toFile(photo)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true })
  })

  /** Fetches from the API as a demo user would see it: for checks only, never to act. */
  async function fetchAs(userName: string, url: string): Promise<Response> {
    const users = (await (await fetch(`${server.url}/api/v1/auth/dev/users`)).json()) as { id: string; name: string }[]
    const user = users.find((u) => u.name.includes(userName))!
    const { token } = (await (await fetch(`${server.url}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: user.id }) })).json()) as { token: string }
    const response = await fetch(`${server.url}/api/v1${url}`, { headers: { authorization: `Bearer ${token}` } })
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`)
    return response
  }

  const read = async <T,>(userName: string, url: string): Promise<T> => (await (await fetchAs(userName, url)).json()) as T

  const shot = (name: string) => screenshot(page, name)

  const visible = (selector: string) => page.locator(`${selector}:visible`)

  /** The toast an action answers with, said and then gone, so that no picture has it over the page. */
  async function toastSays(text: string) {
    // Its words, not its wrapper: Taro's toast is a box of no size around a fixed card.
    const toast = page.locator('.taro__toast').getByText(text)
    await toast.waitFor()
    await toast.waitFor({ state: 'hidden' })
  }

  /** On 我的: signs out whoever is signed in and signs in as this demo user. */
  const signInAs = (name: string) => signInOnMe(page, server.url, name)

  /** Each page opens on the parcel's run by itself: the next with parcels to collect at the
      village, the earliest with parcels on their way at the county (the server's choice). */
  async function expectRunDateShown() {
    await visible('.run-date__shown').filter({ hasText: `${Number(runDate.slice(5, 7))}月${Number(runDate.slice(8, 10))}日` }).waitFor()
  }

  it('is listed by the farmer with a photo and approved by the cun xiao’er', async () => {
    await signInAs(FARMER)
    await visible('.role-entry--sell').click()
    const field = (name: string) => visible(`.input-${name} input, .input-${name} textarea`).first()
    await field('title').fill(TITLE)
    await visible('.category-picker .choice-lamb').click()
    await visible('.unit-picker .choice-jin').click()
    await field('price').fill('68')
    await field('stock').fill('20')
    await field('description').fill('舍必崖散养羔羊，清水一煮就香。')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible('.add-photo').click()])
    await chooser.setFiles([photo])
    await visible('.draft-photo--uploaded').waitFor({ timeout: 20_000 })
    await visible('.submit-listing').click()
    const mine = visible('.my-listing').filter({ hasText: TITLE })
    await mine.waitFor()
    expect(await mine.getAttribute('class')).toContain('my-listing--pending_review')
    await shot('journey-farmer-listings')

    await signInAs(OPERATOR)
    await visible('.role-entry--review-queue').click()
    const item = visible('.review-item').filter({ hasText: TITLE })
    await item.locator('.approve-button').click()
    await item.waitFor({ state: 'detached' })
  })

  it('is ordered and paid by a buyer, who is given a pickup code', async () => {
    await signInAs(BUYER)
    await page.goto(server.url + '/pages/catalog/index', { waitUntil: 'networkidle' })
    const search = visible('.search-input input')
    await search.fill('手把羊肉')
    await search.press('Enter')
    await visible('.listing-card').filter({ hasText: TITLE }).click()
    await visible('.qty-plus').click()
    expect(await visible('.qty-value').innerText()).toBe('2')
    await visible('.buy-now').click()
    await visible('.price-total').waitFor()
    await visible('.pay-button').click()
    await page.waitForURL(/\/packages\/buyer\/pages\/order\/index/, { timeout: 30_000 })
    orderId = new URL(page.url()).searchParams.get('id')!
    await visible('.pickup-code').waitFor()
    pickupCode = (await visible('.pickup-code').innerText()).trim()
    expect(pickupCode).toMatch(/^\d{6}$/)

    const order = await read<Order>(BUYER, `/orders/${orderId}`)
    expect(order.status).toBe('paid')
    expect(order.parcels).toHaveLength(1)
    runDate = order.parcels[0].collectionRunDate!
    // The short number: the run's month and day, then the county's sequence, shown on the order.
    orderNumber = order.number!
    expect(orderNumber.slice(0, 4)).toBe(runDate.slice(5, 7) + runDate.slice(8, 10))
    expect(await visible('.order-number').innerText()).toBe(`订单号 ${orderNumber}`)
    // The next morning's run, or the one after when paid past the county's 16:00 cut-off.
    const today = chinaDate(new Date())
    expect([addChinaDays(today, 1), addChinaDays(today, 2)]).toContain(runDate)
  })

  it('is collected by the cun xiao’er on its run’s day, under its farmer', async () => {
    await signInAs(OPERATOR)
    await visible('.role-entry--village-parcels').click()
    await expectRunDateShown()
    const farmer = visible('.farmer-parcels').filter({ has: page.locator('.parcel-farmer', { hasText: FARMER }) })
    const parcel = farmer.locator('.village-parcel').filter({ hasText: TITLE })
    await parcel.waitFor()
    expect(await parcel.innerText()).toContain('2 斤')
    expect(await parcel.innerText()).toContain(`订单号 ${orderNumber}`)
    expect(await parcel.getAttribute('class')).toContain('village-parcel--awaiting_collection')
    await shot('village-parcels')
    await parcel.locator('.collect-parcel').click()
    await farmer.locator('.village-parcel--collected').filter({ hasText: TITLE }).waitFor()
    expect(await parcel.locator('.collect-parcel').count()).toBe(0)
  })

  it('is received at the county center from the manifest, which prints black on white', async () => {
    await signInAs(STAFF)
    await visible('.role-entry--manifest').click()
    await expectRunDateShown()
    const village = visible('.manifest-village').filter({ hasText: '舍必崖村' })
    const parcel = village.locator('.manifest-parcel').filter({ hasText: TITLE })
    await parcel.waitFor()
    expect(await village.innerText()).toMatch(/1 件 · 约 \d+\.\d 公斤/)
    expect(await parcel.innerText()).toContain(FARMER)
    expect(await parcel.innerText()).toContain(`订单号 ${orderNumber}`)
    await shot('county-manifest')
    await parcel.locator('.receive-parcel').click()
    await village.locator('.manifest-parcel--received').filter({ hasText: TITLE }).waitFor()

    // 打印清单 prints the page; on paper no button, no bar, black on white, the day as the title.
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void (window as unknown as { printed: number }).printed++
    })
    await visible('.print-manifest').click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.manifest-page .action-button:visible').count()).toBe(0)
    expect(await page.locator('.run-date:visible').count()).toBe(0)
    await visible('.manifest-title').waitFor()
    const printed = await village.evaluate((el) => {
      const style = getComputedStyle(el)
      return { color: getComputedStyle(el.querySelector('.manifest-village__name')!).color, background: style.backgroundColor, breakInside: style.breakInside }
    })
    expect(printed).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgba(0, 0, 0, 0)', breakInside: 'avoid' })
    await page.emulateMedia({ media: 'screen' })
  })

  it('is handed over on the buyer’s code, typed at the desk', async () => {
    await page.goto(server.url + '/pages/me/index', { waitUntil: 'networkidle' })
    await visible('.role-entry--pickups').click()
    await visible('.pickup-order').filter({ hasText: TITLE }).waitFor()
    // The number the buyer reads out finds the order, typed without its dash; finding is not handing over.
    await visible('.number-input input').fill(orderNumber.replace('-', ''))
    await visible('.find-order').click()
    const found = visible('.pickup-order--found')
    await found.waitFor()
    expect(await found.innerText()).toContain(`订单号 ${orderNumber}`)
    expect(await found.innerText()).toContain('请买家出示取货码')
    await shot('county-find-number')
    await visible('.clear-find').click()
    await found.waitFor({ state: 'detached' })
    await visible('.to-verify').click()

    // No camera scanner on H5: the code is typed.
    await visible('.code-input input').waitFor()
    expect(await visible('.scan-code').count()).toBe(0)
    // …so its wording stands whole, with no 或者 left over from the scanner's sentence.
    expect(await visible('.desk-type .work-card__title').innerText()).toBe('输入买家的 6 位取货码')
    const wrong = String((Number(pickupCode) + 1) % 1_000_000).padStart(6, '0')
    await visible('.code-input input').fill(wrong)
    await visible('.verify-code').click()
    await visible('.verify-error').filter({ hasText: '取货码不对' }).waitFor()

    await visible('.code-input input').fill(pickupCode)
    await visible('.verify-code').click()
    const handover = visible('.handover')
    await handover.waitFor()
    expect(await handover.innerText()).toContain(BUYER)
    expect(await visible('.handover-line').count()).toBe(1)
    expect(await visible('.handover-line').innerText()).toMatch(new RegExp(`${TITLE}\\s*2 斤`))
    expect(await handover.innerText()).toContain(`舍必崖村 · ${FARMER}`)
    expect(await visible('.handover__number').innerText()).toBe(`订单号 ${orderNumber}`)
    await shot('county-handover')
    await visible('.handover-done').click()
    await visible('.code-input input').waitFor()
    expect(await visible('.code-input input').inputValue()).toBe('')
    expect((await read<Order>(BUYER, `/orders/${orderId}`)).status).toBe('picked_up')
  })

  it('shows the buyer every step, the parcel’s naming the farmer, up to 已取货', async () => {
    await signInAs(BUYER)
    await visible('.role-entry--orders').click()
    await visible('.order-row').filter({ hasText: TITLE }).click()
    await visible('.timeline-entry--picked_up').waitFor()
    expect(await visible('.order-page .order-status').first().innerText()).toContain('已取货')
    const steps = await visible('.timeline-entry__what').allInnerTexts()
    expect(steps).toEqual(['下单', '支付成功', `包裹交到村服务站（${FARMER}）`, `包裹到达县城服务中心（${FARMER}）`, '可以取货了', '已取货'])
    // The code is spent: no longer shown.
    expect(await visible('.pickup-code').count()).toBe(0)
    // Nothing left from before: no 预计可取, and the parcel reads as picked up, not at the center.
    expect(await visible('.pickup-estimate').count()).toBe(0)
    expect(await visible('.checkout-parcel__status').allInnerTexts()).toEqual(['已取货'])
    await visible('.order-timeline').scrollIntoViewIfNeeded()
    await shot('order-timeline')
  })

  it('earns the cun xiao’er her commission, line by line', async () => {
    await signInAs(OPERATOR)
    await visible('.role-entry--commissions').click()
    const line = visible('.commission-line').filter({ hasText: TITLE })
    await line.waitFor()
    expect(await line.getAttribute('class')).toContain('commission-line--credit')
    // 2 斤 × ¥68.00 = ¥136.00, at 5 %: ¥6.80.
    expect(await line.innerText()).toContain('货款 ¥136.00')
    expect(await line.innerText()).toContain('佣金比例 5%')
    expect(await line.locator('.commission-line__amount').innerText()).toBe('+¥6.80')
    expect(await visible('.commission-total').innerText()).toContain('¥6.80')
    await shot('operator-commissions')
  })

  it('is in the county’s subsidy report, whose file downloads as the server wrote it', async () => {
    const month = chinaMonth(new Date())
    // The server's bytes: fetch's text() would drop the byte order mark the file must keep.
    const served = Buffer.from(await (await fetchAs(STAFF, `/county/reports/subsidy?month=${month}`)).arrayBuffer()).toString('utf8')
    const totals = served.trim().split('\r\n').pop()!.split(',')
    expect(served).toContain(orderId)

    await signInAs(STAFF)
    await visible('.role-entry--subsidy-report').click()
    const figures = visible('.report-figures')
    await figures.waitFor()
    expect(await visible('.month-switcher__month').innerText()).toBe(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`)
    expect(await visible('.report-figures__orders').innerText()).toBe(`共 ${totals[0].match(/\d+/)![0]} 单`)
    expect(await visible('.report-figure--shipping .report-figure__yuan').innerText()).toBe(`¥${totals[4]}`)
    expect(await visible('.report-figure--subsidy .report-figure__yuan').innerText()).toBe(`¥${totals[5]}`)
    expect(await visible('.report-figure--paid .report-figure__yuan').innerText()).toBe(`¥${totals[6]}`)
    expect(await visible('.month-next').getAttribute('class')).toContain('action-button--disabled')
    await shot('county-subsidy-report')

    const [download] = await Promise.all([page.waitForEvent('download'), visible('.save-report').click()])
    expect(download.suggestedFilename()).toBe(`运费补贴-${month}.csv`)
    const saved = fs.readFileSync((await download.path())!, 'utf8')
    expect(saved.startsWith('\uFEFF订单号,')).toBe(true)
    expect(saved).toBe(served)

    // Last month's report is one tap back, with last month's figures, not this one's.
    const previous = addChinaMonths(month, -1)
    const previousServed = await (await fetchAs(STAFF, `/county/reports/subsidy?month=${previous}`)).text()
    expect(previousServed).not.toContain(orderId)
    await visible('.month-previous').click()
    await visible('.month-switcher__month').filter({ hasText: `${Number(previous.slice(0, 4))}年${Number(previous.slice(5))}月` }).waitFor()
    const previousTotals = previousServed.trim().split('\r\n').pop()!.split(',')
    await visible('.report-figures__orders').filter({ hasText: `共 ${previousTotals[0].match(/\d+/)![0]} 单` }).waitFor()
    expect(await visible('.report-figure--subsidy .report-figure__yuan').innerText()).toBe(`¥${previousTotals[5]}`)
  })

  it('shows the farmer his sale waiting out the after-sale window, then his to be paid', async () => {
    await signInAs(FARMER)
    await visible('.role-entry--my-income').click()
    const sale = visible('.statement-group--sale .statement-line').filter({ hasText: `订单 ${orderNumber}` })
    await sale.waitFor()
    expect(await sale.locator('.statement-line__amount').innerText()).toBe('+¥136.00')
    const commission = visible('.statement-group--commission .statement-line').filter({ hasText: `订单 ${orderNumber}` })
    expect(await commission.locator('.statement-line__amount').innerText()).toBe('-¥6.80')
    expect(await visible('.pending-amount').innerText()).toBe(FARMER_SHARE)
    expect(await visible('.payable-amount').innerText()).toBe('¥0.00')
    expect(await visible('.payout-list__empty').count()).toBe(1)

    // A day and an hour on, for the server and for his phone alike (a month's statement is the
    // month of the phone's clock); the server's jobs settle the sale, no case having been opened.
    await server.passTime(DAY_AND_AN_HOUR_MS)
    await browser.context.clock.install({ time: Date.now() + DAY_AND_AN_HOUR_MS })
    await page.reload({ waitUntil: 'networkidle' })
    await visible('.payable-amount').filter({ hasText: FARMER_SHARE }).waitFor()
    expect(await visible('.pending-amount').innerText()).toBe('¥0.00')
  })

  it('is drawn up by one county clerk into a payout run that only another may approve', async () => {
    await signInAs(STAFF)
    await visible('.role-entry--payout-runs').click()
    await visible('.draft-run').click()
    const run = visible('.run-card--awaiting_approval')
    await run.waitFor()
    await toastSays('已生成，请另一位县小二批准')
    // 王建国's share and 白丽娟's commission: the sale's ¥136.00, to two people.
    expect(await run.locator('.run-card__summary').innerText()).toBe('¥136.00 · 2 人')
    expect(await run.locator('.run-card__status').innerText()).toBe('待批准')
    const payout = run.locator('.payout-row').filter({ hasText: FARMER })
    expect(await payout.locator('.payout-row__amount').innerText()).toBe(FARMER_SHARE)
    // No WeChat account in the demo: his money is handed over at the service center.
    expect(await payout.locator('.payout-row__status').innerText()).toBe('线下付款 · 待批准')
    expect(await run.locator('.approve-run').count()).toBe(0)
    expect(await run.locator('.second-clerk').innerText()).toBe('需另一位县小二批准')
    await shot('county-payout-run')
  })

  it('is approved by the second clerk, paid in cash on one clerk’s receipt and confirmed by the other', async () => {
    await signInAs(SECOND_CLERK)
    await visible('.role-entry--payout-runs').click()
    await visible('.run-card--awaiting_approval .approve-run').click()
    const run = visible('.run-card--approved')
    await run.waitFor()
    await toastSays('已批准')
    expect(await run.innerText()).toContain(`${SECOND_CLERK} 批准于`)
    const payout = run.locator('.payout-row').filter({ hasText: FARMER })
    expect(await payout.locator('.payout-row__status').innerText()).toBe('线下付款 · 待付款')

    // The clerk at the desk hands the cash over and writes down its receipt; he cannot confirm it himself.
    await signInAs(STAFF)
    await visible('.role-entry--payout-runs').click()
    const handedOver = visible('.run-card--approved .payout-row--to_hand_over').filter({ hasText: FARMER })
    await handedOver.locator('.offline-reference input').fill(CASH_RECEIPT)
    await handedOver.locator('.record-offline').click()
    const recorded = visible('.run-card--approved .payout-row--awaiting_offline_approval').filter({ hasText: FARMER })
    await recorded.waitFor()
    await toastSays('已记录，请另一位县小二确认')
    expect(await recorded.locator('.payout-row__reference').innerText()).toBe(`付款凭据：${CASH_RECEIPT}`)
    expect(await recorded.locator('.confirm-offline').count()).toBe(0)
    expect(await recorded.locator('.second-clerk-confirm').innerText()).toBe('需另一位县小二确认')

    await signInAs(SECOND_CLERK)
    await visible('.role-entry--payout-runs').click()
    await visible('.run-card--approved .payout-row--awaiting_offline_approval').filter({ hasText: FARMER }).locator('.confirm-offline').click()
    const paid = visible('.run-card--approved .payout-row--paid').filter({ hasText: FARMER })
    await paid.waitFor()
    await toastSays('已确认付款')
    expect(await paid.locator('.payout-row__status').innerText()).toBe('线下付款 · 已到账')
    expect(await paid.locator('.payout-row__reference').innerText()).toBe(`付款凭据：${CASH_RECEIPT}`)
    await shot('county-payout-run-paid')
  })

  it('shows the farmer the payout arrived, with its receipt', async () => {
    await signInAs(FARMER)
    await visible('.role-entry--my-income').click()
    const payout = visible('.payout-list .payout-row--paid')
    await payout.waitFor()
    expect(await payout.locator('.payout-row__title').innerText()).toBe('已到账 · 线下支付（现金或银行转账）')
    expect(await payout.innerText()).toContain(`凭证：${CASH_RECEIPT}`)
    expect(await payout.locator('.payout-row__amount').innerText()).toBe(FARMER_SHARE)
    const line = visible('.statement-group--payout .statement-line')
    expect(await line.locator('.statement-line__title').innerText()).toBe('转给您的钱')
    expect(await line.locator('.statement-line__amount').innerText()).toBe(`-${FARMER_SHARE}`)
    expect(await visible('.paid-out-amount').innerText()).toBe(FARMER_SHARE)
    expect(await visible('.payable-amount').innerText()).toBe('¥0.00')
    expect(await visible('.in-flight-amount').innerText()).toBe('¥0.00')
    await shot('farmer-income')
    await visible('.payout-list').scrollIntoViewIfNeeded()
    await shot('farmer-income-payouts')
  })

  it('had no console errors', () => {
    expect(consoleErrors).toEqual([])
  })
})
