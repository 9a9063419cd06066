import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { WEAPP_DIR, WECHAT_PACKAGE_LIMIT, kb, missingBuilds, weappPackageSizes } from '../../support/weapp-packages'

/* WeChat refuses to upload a main package or a subpackage over 2 MB: a hard limit, so a test.
   The tighter budgets (600 KB main, 160 KB H5 first load) are measured by `npm run bench:size`. */
describe('the compiled mini-program', () => {
  it('was built (npm run build:weapp)', () => {
    expect(fs.existsSync(path.join(WEAPP_DIR, 'app.json'))).toBe(true)
  })

  it('keeps the main package and every subpackage under WeChat’s 2 MB limit', () => {
    const sizes = weappPackageSizes()
    expect(sizes.main).toBeGreaterThan(0)
    if (sizes.main >= WECHAT_PACKAGE_LIMIT) throw new Error(`main package is ${kb(sizes.main)}`)
    expect(sizes.main).toBeLessThan(WECHAT_PACKAGE_LIMIT)
    for (const sub of sizes.subpackages) expect(sub.bytes).toBeLessThan(WECHAT_PACKAGE_LIMIT)
    expect(sizes.total).toBeLessThan(20 * 1024 * 1024)
  })

  it('keeps the buyer’s pages in the main package and no page of another role there', () => {
    const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'))
    const mainPages: string[] = app.pages
    expect(mainPages.length).toBeGreaterThan(0)
    expect(mainPages.some((p) => /farmer|operator|county/.test(p))).toBe(false)
  })

  const scripts = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? scripts(full) : entry.name.endsWith('.js') ? [full] : []
    })
  const subpackageRoots = (): string[] =>
    JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')).subPackages.map((p: { root: string }) => p.root.replace(/\/?$/, '/'))
  const mainCode = () => {
    const roots = subpackageRoots()
    const inMain = scripts(WEAPP_DIR).filter((file) => !roots.some((root) => path.relative(WEAPP_DIR, file).split(path.sep).join('/').startsWith(root)))
    return inMain.map((file) => fs.readFileSync(file, 'utf8')).join('\n')
  }
  const packageCode = (name: string) => scripts(path.join(WEAPP_DIR, 'packages', name)).map((file) => fs.readFileSync(file, 'utf8')).join('\n')

  /** Each marker is in the subpackage and nowhere in the main package. */
  function expectOnlyIn(name: string, markers: string[]) {
    expect(subpackageRoots()).toContain(`packages/${name}/`)
    const main = mainCode()
    const sub = packageCode(name)
    for (const marker of markers) {
      expect({ marker, inMain: main.includes(marker) }).toEqual({ marker, inMain: false })
      expect({ marker, [name]: sub.includes(marker) }).toEqual({ marker, [name]: true })
    }
  }

  it('bundles no TypeBox anywhere: the app takes the API’s shapes from server/contract as types only', () => {
    const code = scripts(WEAPP_DIR).map((file) => fs.readFileSync(file, 'utf8')).join('\n')
    for (const marker of ['TypeBox.Kind', '@sinclair/typebox']) expect({ marker, bundled: code.includes(marker) }).toEqual({ marker, bundled: false })
  })

  it('keeps the checkout, the orders and the QR encoder in packages/buyer, out of the main package', () => {
    // qrcode-generator's API, the pickup QR format, placing and paying orders.
    expectOnlyIn('buyer', ['getModuleCount', 'XJPICKUP', 'Idempotency-Key', 'requestPayment'])
  })

  it('keeps the cun xiao’er’s parcels and commission in packages/operator, out of the main package', () => {
    expectOnlyIn('operator', ['/village/parcels', '/collect', '/operator/commissions'])
  })

  it('keeps 我的收入 (statements, payouts, WeChat’s transfer confirm) in the farmer’s and the cun xiao’er’s subpackages', () => {
    expectOnlyIn('farmer', ['/my/statement', '/my/payouts', 'requestMerchantTransfer'])
    expectOnlyIn('operator', ['/my/statement', '/my/payouts', 'requestMerchantTransfer'])
  })

  it('keeps the county center’s run, desk and scanner in packages/county, out of the main package', () => {
    // The manifest and receiving, the desk, the scanner's options and the QR format it reads.
    expectOnlyIn('county', ['/county/manifest', '/receive', '/county/pickups', '/pickups/verify', 'onlyFromCamera', 'XJPICKUP'])
  })
})

describe('the size report', () => {
  it('uses no <Icon>: the H5 build drops the weui icon font only it needs (config/index.ts)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name)
        return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : []
      })
    const all = sources(path.resolve(__dirname, '..', '..', 'src'))
    expect(all.length).toBeGreaterThan(50)
    const importsIcon = /import\s*{[^}]*\bIcon\b[^}]*}\s*from\s*'@tarojs\/components'/
    expect(all.filter((file) => importsIcon.test(fs.readFileSync(file, 'utf8'))).map((file) => path.basename(file))).toEqual([])
  })

  it('names each missing build and the command that makes it, rather than measuring nothing', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-no-build-'))
    try {
      expect(missingBuilds({ weapp: path.join(empty, 'weapp'), h5: path.join(empty, 'h5') })).toEqual([
        `no mini-program build in ${path.join(empty, 'weapp')}: run npm run build:weapp`,
        `no H5 build in ${path.join(empty, 'h5')}: run npm run build:h5`,
      ])
      fs.mkdirSync(path.join(empty, 'weapp'))
      fs.writeFileSync(path.join(empty, 'weapp', 'app.json'), '{"pages":[]}')
      expect(missingBuilds({ weapp: path.join(empty, 'weapp'), h5: path.join(empty, 'h5') })).toHaveLength(1)
    } finally {
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })
})
