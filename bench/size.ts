import { gzipSync } from 'node:zlib'
import { launchChromium } from '../support/chromium'
import { startDemoServer } from '../support/demo-server'
import { H5_FIRST_LOAD_BUDGET, MAIN_PACKAGE_BUDGET, WECHAT_PACKAGE_LIMIT, kb, missingBuilds, weappPackageSizes } from '../support/weapp-packages'
import { runBench, writeReport } from './report'

/* `npm run bench:size` (after build:weapp and build:h5): what a buyer downloads. The weapp
   packages as WeChat counts them, and the JavaScript an H5 buyer's browser fetches to show the
   home page: its bytes, and the bytes that crossed the wire as the server sent them (brotli or
   gzip, as Chromium asked), with gzip -9 of each for comparison. Prints and writes
   bench/reports/size.md; a build that is not there fails the run rather than measuring 0 KB. */

interface H5Script {
  url: string
  bytes: number
  wire: number
  encoding: string
  gzip: number
}

async function h5FirstLoadJs(): Promise<H5Script[]> {
  const server = await startDemoServer()
  const browser = await launchChromium()
  try {
    // Twins are made in the background after a new build; measure what a buyer gets once they are.
    await server.app.h5App?.compressed
    const page = await browser.context.newPage()
    const scripts: Promise<H5Script>[] = []
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return
      scripts.push((async () => {
        const [body, sizes] = await Promise.all([response.body(), response.request().sizes()])
        const encoding = (await response.allHeaders())['content-encoding'] ?? 'none'
        return { url: new URL(response.url()).pathname, bytes: body.length, wire: sizes.responseBodySize, encoding, gzip: gzipSync(body, { level: 9 }).length }
      })())
    })
    await page.goto(server.url + '/', { waitUntil: 'networkidle' })
    return await Promise.all(scripts)
  } finally {
    await browser.close()
    await server.close()
  }
}

const sum = (files: H5Script[], key: 'bytes' | 'wire' | 'gzip') => files.reduce((total, f) => total + f[key], 0)

async function main(): Promise<boolean> {
  const missing = missingBuilds()
  if (missing.length) {
    console.error(`bench:size cannot measure: ${missing.join('; ')}`)
    return false
  }
  const weapp = weappPackageSizes()
  const h5 = await h5FirstLoadJs()
  if (h5.length === 0) {
    console.error('bench:size: the H5 home page loaded no script; is dist/h5 a complete build?')
    return false
  }
  const encodings = [...new Set(h5.map((f) => f.encoding))].join(', ')
  const verdict = (bytes: number, budget: number) => (bytes <= budget ? 'within budget' : 'OVER BUDGET')
  const lines = [
    `# Size report (${new Date().toISOString()})`,
    '',
    '| what | size | budget | verdict |',
    '|---|---|---|---|',
    `| weapp main package | ${kb(weapp.main)} | ${kb(MAIN_PACKAGE_BUDGET)} (WeChat limit ${kb(WECHAT_PACKAGE_LIMIT)}) | ${verdict(weapp.main, MAIN_PACKAGE_BUDGET)} |`,
    ...weapp.subpackages.map((s) => `| weapp subpackage \`${s.root}\` | ${kb(s.bytes)} | ${kb(WECHAT_PACKAGE_LIMIT)} | ${verdict(s.bytes, WECHAT_PACKAGE_LIMIT)} |`),
    `| weapp total | ${kb(weapp.total)} | 20480.0 KB | ${verdict(weapp.total, 20 * 1024 * 1024)} |`,
    `| H5 first-load JS over the wire (${encodings}) | ${kb(sum(h5, 'wire'))} | ${kb(H5_FIRST_LOAD_BUDGET)} | ${verdict(sum(h5, 'wire'), H5_FIRST_LOAD_BUDGET)} |`,
    `| H5 first-load JS, uncompressed / gzip -9 | ${kb(sum(h5, 'bytes'))} / ${kb(sum(h5, 'gzip'))} | | |`,
    '',
    `H5 scripts fetched to show the home page (${h5.length}):`,
    '',
    ...h5.map((f) => `- \`${f.url}\`: ${kb(f.bytes)}, ${kb(f.wire)} over the wire (${f.encoding}), ${kb(f.gzip)} gzip -9`),
    '',
  ]
  console.log(lines.join('\n'))
  writeReport('size', lines)
  return true
}

runBench(main)
