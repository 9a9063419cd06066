import fs from 'node:fs'
import path from 'node:path'

/* The sizes WeChat judges a mini-program by: the main package (everything outside a
   subpackage root, tabBar pages included) must stay under 2 MB, each subpackage under 2 MB,
   and the whole under 20 MB. */

export const WEAPP_DIR = path.resolve(__dirname, '..', 'dist', 'weapp')
export const H5_DIR = path.resolve(__dirname, '..', 'dist', 'h5')
export const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024
export const MAIN_PACKAGE_BUDGET = 600 * 1024
export const H5_FIRST_LOAD_BUDGET = 160 * 1024

export interface PackageSizes {
  main: number
  subpackages: { root: string; bytes: number }[]
  total: number
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

export function weappPackageSizes(dir = WEAPP_DIR): PackageSizes {
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const roots: string[] = (appJson.subPackages ?? appJson.subpackages ?? []).map((p: { root: string }) => p.root.replace(/\/?$/, '/'))
  const subpackages = roots.map((root) => ({ root, bytes: 0 }))
  let main = 0
  let total = 0
  for (const file of filesUnder(dir)) {
    const relative = path.relative(dir, file).split(path.sep).join('/')
    // DevTools' own settings are not uploaded with the code.
    if (relative === 'project.config.json' || relative === 'project.private.config.json') continue
    const bytes = fs.statSync(file).size
    total += bytes
    const sub = subpackages.find((p) => relative.startsWith(p.root))
    if (sub) sub.bytes += bytes
    else main += bytes
  }
  return { main, subpackages, total }
}

/** The builds a size report needs that are not there, each named with the command that makes
 *  it: measuring a missing build would report 0 KB, well within every budget. */
export function missingBuilds(dirs: { weapp: string; h5: string } = { weapp: WEAPP_DIR, h5: H5_DIR }): string[] {
  const missing: string[] = []
  if (!fs.existsSync(path.join(dirs.weapp, 'app.json'))) missing.push(`no mini-program build in ${dirs.weapp}: run npm run build:weapp`)
  if (!fs.existsSync(path.join(dirs.h5, 'index.html'))) missing.push(`no H5 build in ${dirs.h5}: run npm run build:h5`)
  return missing
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
