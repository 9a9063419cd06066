import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as domain from '../../src/domain'
import { DomainError, isDomainError } from '../../src/domain'

const domainDir = path.join(__dirname, '..', '..', 'src', 'domain')
const files = readdirSync(domainDir).filter((name) => name.endsWith('.ts'))

describe('src/domain stays pure, so the app and the server can both import it', () => {
  const allowed = new Set(['dayjs', 'dayjs/plugin/utc', 'dayjs/plugin/timezone'])

  it.each(files)('%s imports only dayjs and its neighbours', (file) => {
    const source = readFileSync(path.join(domainDir, file), 'utf8')
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
    for (const specifier of specifiers) {
      expect(allowed.has(specifier) || /^\.\/[\w-]+$/.test(specifier) ? 'ok' : specifier).toBe('ok')
    }
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bMath\.random\b|\bconsole\./)
    expect(source.split('\n').length).toBeLessThanOrEqual(300)
  })

  it('re-exports every module from index.ts', () => {
    const index = readFileSync(path.join(domainDir, 'index.ts'), 'utf8')
    for (const file of files.filter((f) => f !== 'index.ts')) {
      expect(index).toContain(`export * from './${file.replace(/\.ts$/, '')}'`)
    }
    for (const name of ['priceOrder', 'estimatePickup', 'generatePickupCode', 'orderStatusMachine', 'applyRate', 'CATEGORIES']) {
      expect(typeof (domain as Record<string, unknown>)[name]).not.toBe('undefined')
    }
  })
})

describe('DomainError', () => {
  it('carries a stable code and stays recognisable', () => {
    const error = new DomainError('pricing.invalid_quantity', 'bad', { quantity: 0 })
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'DomainError', code: 'pricing.invalid_quantity', details: { quantity: 0 } })
    expect(isDomainError(error)).toBe(true)
    // A copy from another bundle of the module is recognised by name and code.
    const foreign = Object.assign(new Error('bad'), { name: 'DomainError', code: 'pricing.invalid_quantity' })
    expect(isDomainError(foreign)).toBe(true)
    expect(isDomainError(new Error('bad'))).toBe(false)
  })
})
