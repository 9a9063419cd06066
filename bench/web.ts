import fs from 'node:fs'
import path from 'node:path'
import { seedId } from '../server/ids'
import { startDemoServer } from '../support/demo-server'
import { runBench, writeReport } from './report'

/* `npm run bench:web` (after build:h5): Lighthouse on the home page and a listing page of the
   demo server, as a buyer on a cheap phone meets them: Lighthouse's default mobile profile with
   its simulated slow 4G and 4× slower CPU, against Debian's Chromium. Prints and writes
   bench/reports/web.md; fails when accessibility scores under ACCESSIBILITY_TARGET. */

const ACCESSIBILITY_TARGET = 95
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update']

interface Figures {
  page: string
  performance: number
  accessibility: number
  lcpMs: number
  tbtMs: number
  bytes: number
  failedAudits: string[]
}

async function main() {
  const h5Index = path.resolve(__dirname, '..', 'dist', 'h5', 'index.html')
  if (!fs.existsSync(h5Index)) throw new Error(`no H5 build at ${h5Index}: run npm run build:h5 first`)
  // Both are ES modules only; tsx runs this file as CommonJS.
  const { default: lighthouse } = await import('lighthouse')
  const chromeLauncher = await import('chrome-launcher')
  const server = await startDemoServer()
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS })
  const pages = [
    { page: 'home', url: `${server.url}/` },
    { page: 'listing', url: `${server.url}/pages/listing/index?id=${seedId('lst', 'lamb-chops')}` },
  ]
  const figures: Figures[] = []
  try {
    for (const { page, url } of pages) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`)
      const { categories, audits, runtimeError } = result.lhr
      if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`)
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100)
      const failedAudits = (categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${ref.id}: ${audits[ref.id]!.title}`)
      figures.push({
        page,
        performance: score('performance'),
        accessibility: score('accessibility'),
        lcpMs: audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: audits['total-blocking-time']?.numericValue ?? NaN,
        bytes: audits['total-byte-weight']?.numericValue ?? NaN,
        failedAudits,
      })
    }
  } finally {
    chrome.kill()
    await server.close()
  }
  const lines = [
    `# Web report (${new Date().toISOString()})`,
    '',
    'Lighthouse 12, mobile, simulated slow 4G (150 ms RTT, 1.6 Mbps) and 4× CPU slowdown, Debian Chromium, the demo server on 127.0.0.1.',
    '',
    '| page | performance | accessibility | LCP | TBT | bytes |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.page} | ${f.performance} | ${f.accessibility} | ${(f.lcpMs / 1000).toFixed(1)} s | ${Math.round(f.tbtMs)} ms | ${(f.bytes / 1024).toFixed(1)} KB |`),
    '',
    ...figures.flatMap((f) => (f.failedAudits.length ? [`Accessibility audits ${f.page} fails:`, '', ...f.failedAudits.map((a) => `- ${a}`), ''] : [])),
    `Target: accessibility ≥ ${ACCESSIBILITY_TARGET} on every page.`,
    '',
  ]
  console.log(lines.join('\n'))
  writeReport('web', lines)
  return figures.every((f) => f.accessibility >= ACCESSIBILITY_TARGET)
}

runBench(main)
