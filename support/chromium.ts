import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/* Debian's Chromium, driven by playwright-core: nothing is downloaded. The flags keep it off
   the network this machine does not have, and a fresh profile keeps runs independent. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A fresh Chromium. `privacyAgreed` (the default): the H5 app finds its privacy guide agreed to, as
 * on a returning visitor's browser, so a page opens without the privacy sheet over it; the
 * privacy tests start without.
 */
export async function launchChromium({ privacyAgreed = true } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  // Taro's H5 storage keeps each value as {"data": …} under its key (src/stores/privacy-gate.ts).
  if (privacyAgreed) await context.addInitScript(() => localStorage.setItem('xiangji.privacy-agreed', JSON.stringify({ data: '1' })))
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}
