import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { seedId } from '../../server/ids'

/* What the H5 browser tests do the same way: pictures for the README, signing in on 我的 as a
   demo user, and calling the API as one (dev login) to set a scene up. */

/* Into a git-ignored folder: a test run leaves the tracked files as they were. The README's
   pictures are refreshed on purpose, by `npm run screenshots` (scripts/screenshots.ts). */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots')

/** The page as it shows once its animations have stopped, into test-output/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}

/** On 我的: signs out whoever is signed in, then signs in as this demo user from the chooser. */
export async function signInOnMe(page: Page, baseUrl: string, name: string): Promise<void> {
  const visible = (selector: string) => page.locator(`${selector}:visible`)
  await page.goto(baseUrl + '/pages/me/index', { waitUntil: 'networkidle' })
  const signOut = visible('.sign-out')
  if (await signOut.count()) {
    await signOut.click()
    await page.locator('.sign-out').waitFor({ state: 'detached' })
  }
  await visible('.demo-user').filter({ hasText: name }).click()
  await visible('.me-name').filter({ hasText: name }).waitFor()
}

/** The API called as the demo user with this seed key, through dev login; the answer's JSON. */
export async function callAs(baseUrl: string, userKey: string, method: string, url: string, body?: object, headers: Record<string, string> = {}): Promise<any> {
  const signedIn = await fetch(`${baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: seedId('usr', userKey) }) })
  const { token } = (await signedIn.json()) as { token: string }
  const response = await fetch(`${baseUrl}/api/v1${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined })
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** An order of these lines placed by the demo buyer with this seed key and paid through the
 *  sandbox, for pickup at the county center: the order as the buyer then reads it. */
export async function placePaidOrder(baseUrl: string, buyerKey: string, lines: { listingId: string; quantity: number }[]): Promise<any> {
  const body = { lines, pickupPointId: seedId('pup', 'horinger-center') }
  const placed = await callAs(baseUrl, buyerKey, 'POST', '/orders', body, { 'idempotency-key': `e2e-${buyerKey}-${Date.now()}-${Math.random().toString(36).slice(2)}` })
  const { paymentId } = await callAs(baseUrl, buyerKey, 'POST', `/orders/${placed.id}/payments`, { provider: 'sandbox' })
  await callAs(baseUrl, buyerKey, 'POST', `/payments/sandbox/${paymentId}/confirm`, {})
  return callAs(baseUrl, buyerKey, 'GET', `/orders/${placed.id}`)
}

/** Turns 大字模式 on or off with its switch on 我的 (there signed in or not), and waits until the
 *  page root has taken the mode. */
export async function setLargeText(page: Page, baseUrl: string, large: boolean): Promise<void> {
  await page.goto(`${baseUrl}/pages/me/index`, { waitUntil: 'networkidle' })
  const toggle = page.locator('.text-size-switch:visible')
  if ((await toggle.getAttribute('aria-checked')) !== String(large)) await toggle.click()
  await page.waitForFunction((on) => document.documentElement.classList.contains('large-text') === on, large)
}
