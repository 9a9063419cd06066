import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/* HTTP stays at the edge: a use case refuses with a code (services/service-error.ts) and
   names photos by their path on this server; the status, the origin and the request belong to
   server/http and server/routes. Mirrors tests/domain/purity.test.ts. */

const servicesDir = path.join(__dirname, '..', '..', 'server', 'services')

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourcesUnder(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const files = sourcesUnder(servicesDir).map((file) => path.relative(servicesDir, file))

describe('server/services speak no HTTP', () => {
  it('has services to look at', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it.each(files)('%s imports nothing from server/http, fastify or the routes', (file) => {
    const source = readFileSync(path.join(servicesDir, file), 'utf8')
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
    for (const specifier of specifiers) {
      const resolved = specifier.startsWith('.') ? path.relative(path.join(servicesDir, '..'), path.resolve(servicesDir, path.dirname(file), specifier)) : specifier
      const offending = /^(http|routes)(\/|$)/.test(resolved) || /^(fastify|@fastify\/)/.test(specifier)
      expect(offending ? specifier : 'ok').toBe('ok')
    }
  })

  it.each(files)('%s picks no HTTP status and builds no URL from a request', (file) => {
    const code = readFileSync(path.join(servicesDir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    expect(code).not.toMatch(/\bstatusCode\b|\bpublicOrigin\b|\borigin\s*[:+]/)
  })
})
