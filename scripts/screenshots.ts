import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { SCREENSHOTS } from '../tests/support/h5-pages'
import { buildH5IfStale } from './h5-build'

/* `npm run screenshots`: the README's pictures, refreshed on purpose. The Chromium tests take
   their screenshots into test-output/ (git-ignored), so `npm test` changes no tracked file; this
   runs them and copies the pictures the README shows into docs/screenshots, for a commit. */

const ROOT = path.resolve(__dirname, '..')
const README = path.join(ROOT, 'README.md')
const DOCS = path.join(ROOT, 'docs', 'screenshots')

/** The file names of the pictures a README shows from docs/screenshots, each once. */
export function readmeScreenshots(readme: string): string[] {
  const names = [...readme.matchAll(/docs\/screenshots\/([\w.-]+\.png)/g)].map((match) => match[1])
  return [...new Set(names)].sort()
}

/** Copies those pictures from where the tests put them; the ones no test took are named. */
export function copyReadmeScreenshots(readme: string, from: string, to: string): { copied: string[]; missing: string[] } {
  fs.mkdirSync(to, { recursive: true })
  const copied: string[] = []
  const missing: string[] = []
  for (const name of readmeScreenshots(readme)) {
    if (!fs.existsSync(path.join(from, name))) missing.push(name)
    else {
      fs.copyFileSync(path.join(from, name), path.join(to, name))
      copied.push(name)
    }
  }
  return { copied, missing }
}

function main(): number {
  if (!buildH5IfStale()) return 1
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true })
  const tests = spawnSync('npx', ['jest', '--ci', '--selectProjects', 'e2e'], { cwd: ROOT, stdio: 'inherit' })
  if (tests.status !== 0) {
    console.error('The Chromium tests failed: docs/screenshots is left as it was.')
    return 1
  }
  const { copied, missing } = copyReadmeScreenshots(fs.readFileSync(README, 'utf8'), SCREENSHOTS, DOCS)
  console.log(`${copied.length} README screenshots copied into docs/screenshots.`)
  if (missing.length) {
    console.error(`No test took these README pictures: ${missing.join(', ')}`)
    return 1
  }
  return 0
}

if (require.main === module) process.exit(main())
