import { gzipSync } from 'node:zlib'
import { launchChromium } from '../support/chromium'
import { startDemoServer } from '../support/demo-server'
import { H5_FIRST_LOAD_BUDGET, MAIN_PACKAGE_BUDGET, WECHAT_PACKAGE_LIMIT, kb, weappPackageSizes } from '../support/weapp-packages'
import { runBench, writeReport } from './report'

/* `npm run bench:size` (after build:weapp and build:h5): what a buyer downloads. The weapp
   packages as WeChat counts them, and the JavaScript an H5 buyer's browser fetches to show the
   home page, gzipped as the server would send it over 3G. Prints and writes bench/reports/size.md. */

async function h5FirstLoadJs(): Promise<{ files: { url: string; gzip: number }[]; total: number }> {
  const server = await startDemoServer()
  const browser = await launchChromium()
  try {
    const page = await browser.context.newPage()
    const scripts: Promise<{ url: string; gzip: number }>[] = []
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length })))
      }
    })
    await page.goto(server.url + '/', { waitUntil: 'networkidle' })
    const files = await Promise.all(scripts)
    return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) }
  } finally {
    await browser.close()
    await server.close()
  }
}

async function main() {
  const weapp = weappPackageSizes()
  const h5 = await h5FirstLoadJs()
  const verdict = (bytes: number, budget: number) => (bytes <= budget ? 'within budget' : 'OVER BUDGET')
  const lines = [
    `# Size report (${new Date().toISOString()})`,
    '',
    '| what | size | budget | verdict |',
    '|---|---|---|---|',
    `| weapp main package | ${kb(weapp.main)} | ${kb(MAIN_PACKAGE_BUDGET)} (WeChat limit ${kb(WECHAT_PACKAGE_LIMIT)}) | ${verdict(weapp.main, MAIN_PACKAGE_BUDGET)} |`,
    ...weapp.subpackages.map((s) => `| weapp subpackage \`${s.root}\` | ${kb(s.bytes)} | ${kb(WECHAT_PACKAGE_LIMIT)} | ${verdict(s.bytes, WECHAT_PACKAGE_LIMIT)} |`),
    `| weapp total | ${kb(weapp.total)} | 20480.0 KB | ${verdict(weapp.total, 20 * 1024 * 1024)} |`,
    `| H5 first-load JS, gzipped | ${kb(h5.total)} | ${kb(H5_FIRST_LOAD_BUDGET)} | ${verdict(h5.total, H5_FIRST_LOAD_BUDGET)} |`,
    '',
    'H5 scripts fetched to show the home page:',
    '',
    ...h5.files.map((f) => `- \`${f.url}\`: ${kb(f.gzip)} gzipped`),
    '',
  ]
  console.log(lines.join('\n'))
  writeReport('size', lines)
}

runBench(main)
