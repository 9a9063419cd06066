import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/* The layout's promises, read from the source as text: no import cycles (a type-only import is an
   edge of the design too), the words never import a store, no Chinese in a store, and benchmarks
   and tests share fixtures through support/ only. Beside the domain's purity test, which keeps
   the promise for src/domain. */

const root = path.join(__dirname, '..', '..')
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/')

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir)
  if (!existsSync(full)) return []
  return readdirSync(full).flatMap((name) => {
    const file = path.join(full, name)
    if (statSync(file).isDirectory()) return name === 'node_modules' || name === 'reports' ? [] : sourceFiles(path.join(dir, name))
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [file] : []
  })
}

/** Every module a file names: static, type-only, re-exported, `import()` and `require()`. Comments say nothing. */
function specifiers(file: string): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g]
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]))
}

/** The file a specifier names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('@/')) base = path.join(root, 'src', specifier.slice(2))
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier)
  else return null
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null
}

const importsOf = (file: string) => [...new Set(specifiers(file).map((s) => resolve(file, s)).filter((f): f is string => f !== null))]

/** Each cycle found, as the path round it: a.ts → b.ts → a.ts. */
function cyclesIn(files: string[]): string[] {
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((to) => files.includes(to))]))
  const cycles: string[] = []
  const done = new Set<string>()
  const onPath: string[] = []
  const visit = (file: string) => {
    const at = onPath.indexOf(file)
    if (at >= 0) return void cycles.push([...onPath.slice(at), file].map(relative).join(' → '))
    if (done.has(file)) return
    onPath.push(file)
    for (const to of edges.get(file) ?? []) visit(to)
    onPath.pop()
    done.add(file)
  }
  files.forEach(visit)
  return cycles
}

/** Each import from `files` that lands under `dir`, as "file → imported". */
function importsInto(files: string[], dir: string): string[] {
  const inside = path.join(root, dir) + path.sep
  return files.flatMap((file) => importsOf(file).filter((to) => to.startsWith(inside)).map((to) => `${relative(file)} → ${relative(to)}`))
}

describe('the import graph', () => {
  it('has no cycle in src/, server/ and support/', () => {
    expect(cyclesIn([...sourceFiles('src'), ...sourceFiles('server'), ...sourceFiles('support')])).toEqual([])
  })

  it('reports a cycle by its path, type-only imports included', () => {
    const fixtures = path.join(__dirname, 'fixtures', 'import-cycle')
    expect(cyclesIn(['a.ts', 'b.ts', 'c.ts'].map((name) => path.join(fixtures, name)))).toEqual([
      'tests/domain/fixtures/import-cycle/a.ts → tests/domain/fixtures/import-cycle/b.ts → tests/domain/fixtures/import-cycle/c.ts → tests/domain/fixtures/import-cycle/a.ts',
    ])
  })

  it('never takes src/strings into src/stores: the stores use the words, not the other way round', () => {
    expect(importsInto(sourceFiles('src/strings'), 'src/stores')).toEqual([])
  })

  it('keeps benchmarks and tests apart: what both use lives in support/', () => {
    expect(importsInto(sourceFiles('bench'), 'tests')).toEqual([])
    expect(importsInto(sourceFiles('tests'), 'bench')).toEqual([])
    expect([...importsInto(sourceFiles('support'), 'tests'), ...importsInto(sourceFiles('support'), 'bench')]).toEqual([])
  })
})

describe('src/stores', () => {
  // Every word the UI shows is in src/strings (README); a store exposes state and the page words it.
  it.each(sourceFiles('src/stores').map(relative))('%s holds no Chinese outside its comments', (file) => {
    const code = readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '')
    const lines = code.split('\n').filter((line) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line))
    expect(lines).toEqual([])
  })
})
