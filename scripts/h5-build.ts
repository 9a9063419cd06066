import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/* The H5 build takes 20 s and more on a small machine, and `npm start` would pay it every time.
   A stamp beside the build records what it was built from: the app's sources, the Taro config,
   the lockfile and the build-time variables, hashed by content (a git checkout changes mtimes,
   not meaning), and the index.html it produced (so a `dev:h5` or a hand-run build over it is
   noticed). When both still match, the build is current and is not redone. */

const ROOT = path.resolve(__dirname, '..')

/** What the H5 bundle is made from, relative to the project root. */
export const H5_SOURCES = ['src', 'config', 'types', 'package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json']

/** The build-time variables config/index.ts reads. */
const BUILD_VARIABLES = ['NODE_ENV', 'XIANGJI_PICKUP_TEMPLATE_ID', 'XIANGJI_SALE_TEMPLATE_ID']

export interface H5Build {
  root: string
  h5Dir: string
  stampFile: string
  env: BuildEnv
}

type BuildEnv = Record<string, string | undefined>

export function h5Build(root = ROOT, env: BuildEnv = process.env): H5Build {
  // Outside dist/h5: Taro empties that folder on a build, and the server serves what is in it.
  return { root, h5Dir: path.join(root, 'dist', 'h5'), stampFile: path.join(root, 'dist', 'h5-build.json'), env }
}

function filesUnder(full: string): string[] {
  if (!fs.existsSync(full)) return []
  if (!fs.statSync(full).isDirectory()) return [full]
  return fs.readdirSync(full).sort().flatMap((name) => filesUnder(path.join(full, name)))
}

/** One hash of every source file's path and bytes, and of the build-time variables. */
export function sourcesHash(build: H5Build): string {
  const hash = createHash('sha256')
  for (const source of H5_SOURCES) {
    for (const file of filesUnder(path.join(build.root, source))) {
      hash.update(path.relative(build.root, file).split(path.sep).join('/') + '\0')
      hash.update(fs.readFileSync(file))
      hash.update('\0')
    }
  }
  for (const name of BUILD_VARIABLES) hash.update(`${name}=${build.env[name] ?? ''}\0`)
  return hash.digest('hex')
}

function indexHash(build: H5Build): string | null {
  const index = path.join(build.h5Dir, 'index.html')
  return fs.existsSync(index) ? createHash('sha256').update(fs.readFileSync(index)).digest('hex') : null
}

interface Stamp {
  sources: string
  index: string
}

/** Whether dist/h5 is the build of the sources as they are now. */
export function h5BuildIsCurrent(build: H5Build): boolean {
  const index = indexHash(build)
  if (!index || !fs.existsSync(build.stampFile)) return false
  try {
    const stamp = JSON.parse(fs.readFileSync(build.stampFile, 'utf8')) as Stamp
    return stamp.index === index && stamp.sources === sourcesHash(build)
  } catch {
    return false
  }
}

export function writeH5Stamp(build: H5Build, sources = sourcesHash(build)): void {
  const index = indexHash(build)
  if (!index) throw new Error(`no index.html in ${build.h5Dir}: the H5 build did not finish`)
  fs.writeFileSync(build.stampFile, JSON.stringify({ sources, index } satisfies Stamp) + '\n')
}

/** Builds H5 unless the last build is current; false when the build failed. */
export function buildH5IfStale(build = h5Build()): boolean {
  if (h5BuildIsCurrent(build)) {
    console.log('  H5 app is up to date (dist/h5): not rebuilt.')
    return true
  }
  // Hashed before building, so an edit made during the build makes the next start build again.
  const sources = sourcesHash(build)
  const result = spawnSync('npm', ['run', 'build:h5'], { cwd: build.root, stdio: 'inherit', env: build.env as NodeJS.ProcessEnv })
  if (result.status !== 0) return false
  writeH5Stamp(build, sources)
  return true
}
