import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { launchChromium } from '../support/chromium'
import { screenshot, signInOnMe } from '../support/h5-pages'
import { type DemoServer, startDemoServer } from '../support/demo-server'

/* The listing story in the H5 app, every step through the UI of the real server: a farmer lists
   羔羊肉 with two photos from the file chooser and the network drops during the second upload;
   nothing is retyped. The cun xiao'er rejects it with a reason, the farmer edits and resubmits,
   the cun xiao'er approves, a buyer finds it. Then the cun xiao'er lists for a farmer without a
   phone. Screenshots of the farmer's form and the operator's queue go to test-output/screenshots/. */

const TITLE = '羔羊肉 现杀后腿'
const FARMER = '王建国'
const OPERATOR = '白丽娟' // the cun xiao'er of 王建国's village, 舍必崖村

describe('H5: a listing from the farmer’s photos to the buyer’s catalog', () => {
  let server: DemoServer
  let browser: { context: BrowserContext; close(): Promise<void> }
  let page: Page
  let photoDir: string
  const photos: string[] = []
  const consoleErrors: string[] = []
  let uploadRequests = 0

  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.on('console', (message) => {
      // The browser itself reports the upload the dropped network killed; the app does not.
      if (message.type() === 'error' && !message.text().includes('ERR_INTERNET_DISCONNECTED')) consoleErrors.push(message.text())
    })
    // With its stack: an error thrown in a timer names no page of ours in its message.
    page.on('pageerror', (error) => consoleErrors.push(error.stack ?? String(error)))
    photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-camera-'))
    for (const [index, colour] of [{ r: 170, g: 60, b: 50 }, { r: 200, g: 120, b: 90 }, { r: 230, g: 210, b: 160 }].entries()) {
      const file = path.join(photoDir, `IMG_2026112${index}.jpg`)
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } }).jpeg({ quality: 90 }).toFile(file)
      photos.push(file)
    }
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true })
  })

  const shot = (name: string) => screenshot(page, name)

  /** On 我的: signs out whoever is signed in and signs in as this demo user. */
  const signInAs = (name: string) => signInOnMe(page, server.url, name)

  async function openEntry(name: string) {
    await page.locator(`.role-entry--${name}`).click()
  }

  /** Photos through the browser's file chooser, as a farmer picks them on a phone. */
  async function addPhotos(files: string[]) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.add-photo').click()])
    await chooser.setFiles(files)
  }

  const field = (name: string) => page.locator(`.input-${name} input, .input-${name} textarea, input.input-${name}, textarea.input-${name}`).first()

  async function reviewItem(title: string) {
    await page.locator('.review-page').waitFor()
    const item = page.locator('.review-item', { hasText: title })
    await item.waitFor()
    return item
  }

  it('lists 羔羊肉 with two photos; the network drops during the second upload and nothing is retyped', async () => {
    await signInAs(FARMER)
    await openEntry('sell')
    await page.locator('.add-photo').waitFor()

    // The second photo's upload dies with the network, which stays down until we bring it back.
    await page.route('**/api/v1/photos', async (route) => {
      if (++uploadRequests === 2) {
        await browser.context.setOffline(true)
        await route.abort('internetdisconnected')
      } else {
        await route.continue()
      }
    })

    await field('title').fill(TITLE)
    await page.locator('.category-picker .choice-lamb').click()
    await page.locator('.unit-picker .choice-jin').click()
    await field('price').fill('75')
    await field('stock').fill('12')
    await field('description').fill('舍必崖散养羔羊，后腿肉，今早现杀。')
    await addPhotos(photos.slice(0, 2))

    await page.locator('.retry-upload').waitFor()
    expect(await page.locator('.draft-photo--uploaded').count()).toBe(1)
    expect(await page.locator('body').innerText()).toContain('网络断了，内容已保存在手机上')
    // Everything typed is on the phone already.
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('xiangji.draft.')).map((key) => localStorage.getItem(key)).join())
    expect(kept).toContain(TITLE)

    await browser.context.setOffline(false)
    await page.waitForFunction(() => document.querySelectorAll('.draft-photo--uploaded').length === 2, null, { timeout: 20_000 })
    // The first photo was not sent again: one upload, one dropped, one after the signal came back.
    expect(uploadRequests).toBe(3)
    expect(await field('title').inputValue()).toBe(TITLE)
    expect(await field('price').inputValue()).toBe('75')
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot('farmer-sell-form')
    await page.unroute('**/api/v1/photos')

    await page.locator('.submit-listing').click()
    const mine = page.locator('.my-listing', { hasText: TITLE })
    await mine.waitFor()
    expect(await mine.getAttribute('class')).toContain('my-listing--pending_review')
    expect(await mine.innerText()).toContain('¥75.00/斤')
  })

  it('is rejected by the cun xiao’er with a reason', async () => {
    await signInAs(OPERATOR)
    await openEntry('review-queue')
    const item = await reviewItem(TITLE)
    await page.waitForFunction(
      (title) => {
        const card = Array.from(document.querySelectorAll('.review-item')).find((el) => el.textContent?.includes(title))
        const images = Array.from(card?.querySelectorAll('.review-photo img') ?? []) as HTMLImageElement[]
        return images.length === 2 && images.every((img) => img.complete && img.naturalWidth > 0)
      },
      TITLE,
      { timeout: 15_000 },
    )
    await shot('operator-review-queue')
    await item.locator('.reject-button').click()
    await item.locator('.confirm-reject').click()
    // No reason chosen: asked for one, nothing sent.
    await item.locator('.field-error--reason').waitFor()
    await item.locator('.reject-reason-text textarea, textarea.reject-reason-text').first().fill('照片太暗，请在白天重拍后腿切面')
    await item.locator('.confirm-reject').click()
    await item.waitFor({ state: 'detached' })
  })

  it('is edited by the farmer, who sees the reason, and sent back for review', async () => {
    await signInAs(FARMER)
    await openEntry('my-listings')
    const mine = page.locator('.my-listing', { hasText: TITLE })
    await mine.waitFor()
    expect(await mine.getAttribute('class')).toContain('my-listing--rejected')
    expect(await mine.locator('.rejection-reason').innerText()).toContain('照片太暗，请在白天重拍后腿切面')
    await mine.locator('.edit-listing').click()
    await page.waitForFunction((title) => (document.querySelector('.input-title input') as HTMLInputElement | null)?.value === title, TITLE, { timeout: 10_000 })
    await field('price').fill('72')
    await page.locator('.submit-listing').click()
    const resubmitted = page.locator('.my-listing.my-listing--pending_review', { hasText: TITLE })
    await resubmitted.waitFor()
    expect(await resubmitted.innerText()).toContain('¥72.00/斤')
  })

  it('is approved by the cun xiao’er', async () => {
    await signInAs(OPERATOR)
    await openEntry('review-queue')
    const item = await reviewItem(TITLE)
    expect(await item.innerText()).toContain('¥72.00/斤')
    await item.locator('.approve-button').click()
    await item.waitFor({ state: 'detached' })
  })

  it('is found by a buyer in the catalog, with both photos', async () => {
    await signInAs('陈晓')
    await page.goto(server.url + '/pages/catalog/index', { waitUntil: 'networkidle' })
    const search = page.locator('.search-input input, input.search-input').first()
    await search.fill('现杀后腿')
    await search.press('Enter')
    await page.locator('.listing-card', { hasText: TITLE }).click()
    await page.locator('.listing-price').waitFor()
    expect(await page.locator('.listing-price').innerText()).toContain('¥72.00/斤')
    expect(await page.locator('body').innerText()).toContain(FARMER)
    expect(await page.locator('.gallery-photo').count()).toBe(2)
  })

  it('is listed by the cun xiao’er for a farmer without a phone, live at once', async () => {
    await signInAs(OPERATOR)
    await openEntry('list-for-farmer')
    await page.locator('.farmer-picker').waitFor()
    await page.locator('.farmer-picker .form-choice__option', { hasText: '张二牛' }).click()
    await field('title').fill('张二牛家 莜面')
    await page.locator('.category-picker .choice-grain').click()
    await page.locator('.unit-picker .choice-jin').click()
    await field('price').fill('6.8')
    await field('stock').fill('200')
    await addPhotos(photos.slice(2))
    await page.locator('.draft-photo--uploaded').waitFor()
    await page.locator('.submit-listing').click()
    await page.locator('.farmer-row').first().waitFor()

    await signInAs('周敏')
    await page.goto(server.url + '/pages/catalog/index', { waitUntil: 'networkidle' })
    const search = page.locator('.search-input input, input.search-input').first()
    await search.fill('张二牛家')
    await search.press('Enter')
    await page.locator('.listing-card', { hasText: '张二牛家 莜面' }).click()
    await page.locator('.listing-price').waitFor()
    expect(await page.locator('body').innerText()).toContain('张二牛')
  })

  it('had no console errors', () => {
    expect(consoleErrors).toEqual([])
  })
})
