import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { h5Build, h5BuildIsCurrent, writeH5Stamp } from '../../scripts/h5-build'
import { portCheck } from '../../scripts/start'

/* `npm start` before the server: a taken port is said at once, in one line, and no build is
   started; the H5 build is redone only when what it is made from changed. */

const ROOT = path.resolve(__dirname, '..', '..')

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm start on a taken port', () => {
  let holder: net.Server
  let port: number

  beforeAll(async () => {
    holder = net.createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    port = (holder.address() as net.AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())))

  it('knows a port in use from a free one', async () => {
    expect(await portCheck(port, '127.0.0.1')).toBe('in_use')
    const spare = net.createServer()
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve))
    const freed = (spare.address() as net.AddressInfo).port
    await new Promise<void>((resolve) => spare.close(() => resolve()))
    expect(await portCheck(freed, '127.0.0.1')).toBe('free')
  })

  it('says which port is taken and how to choose another, in one line, and exits non-zero before building', async () => {
    const started = Date.now()
    const result = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], { ...process.env, PORT: String(port), HOST: '127.0.0.1' })
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`Port ${port} on 127.0.0.1 is already in use`)
    expect(lines[0]).toContain('PORT=8081 npm start')
    expect(result.stdout).not.toMatch(/build/i)
    // A build takes minutes here; a refusal is the time tsx takes to start.
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 30_000)
})

describe('whether the H5 build is current', () => {
  let root: string
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), text)
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'xiangji-h5-build-'))
    write('src/app.ts', 'export const app = 1')
    write('src/pages/home/index.tsx', 'export default () => null')
    write('config/index.ts', 'export default {}')
    write('package-lock.json', '{}')
    write('dist/h5/index.html', '<!doctype html>')
  })
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

  it('is not current before a build was stamped, and is after', () => {
    const build = h5Build(root, {})
    expect(h5BuildIsCurrent(build)).toBe(false)
    writeH5Stamp(build)
    expect(h5BuildIsCurrent(build)).toBe(true)
  })

  it('stays current when files are only touched, as a git checkout does', () => {
    const build = h5Build(root, {})
    writeH5Stamp(build)
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(root, 'src/app.ts'), later, later)
    expect(h5BuildIsCurrent(build)).toBe(true)
  })

  it.each([
    ['a source changed', () => write('src/app.ts', 'export const app = 2')],
    ['a source added', () => write('src/pages/cart/index.tsx', 'export default () => null')],
    ['a source removed', () => fs.rmSync(path.join(root, 'src/pages/home/index.tsx'))],
    ['the Taro config changed', () => write('config/index.ts', 'export default { h5: {} }')],
    ['the lockfile changed', () => write('package-lock.json', '{"lockfileVersion":3}')],
    ['another build replaced index.html', () => write('dist/h5/index.html', '<!doctype html><script src="/js/dev.js"></script>')],
    ['the build is gone', () => fs.rmSync(path.join(root, 'dist/h5'), { recursive: true })],
  ])('is stale when %s', (_, change) => {
    const build = h5Build(root, {})
    writeH5Stamp(build)
    change()
    expect(h5BuildIsCurrent(build)).toBe(false)
  })

  it('is stale when a build-time variable changed', () => {
    writeH5Stamp(h5Build(root, {}))
    expect(h5BuildIsCurrent(h5Build(root, { XIANGJI_SALE_TEMPLATE_ID: 'tmpl-1' }))).toBe(false)
    expect(h5BuildIsCurrent(h5Build(root, {}))).toBe(true)
  })
})
