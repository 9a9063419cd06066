import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_DIR, WECHAT_PACKAGE_LIMIT, kb, weappPackageSizes } from '../../bench/weapp-packages'

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
})
