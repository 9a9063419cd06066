import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { CASE_KINDS, CASE_STATUSES } from '../../src/domain/after-sale'
import { CATEGORIES } from '../../src/domain/catalog'
import { SALE_LINE_STATUSES } from '../../src/domain/farmer-sales'
import { ORDER_STATUSES } from '../../src/domain/order-status'
import { PARCEL_STATUSES } from '../../src/domain/parcel-status'
import { UNITS } from '../../src/domain/units'
import { AfterSaleCase, ReportInput } from '../../server/contract/cases'
import { Listing, ListingQuery } from '../../server/contract/listings'
import { Order, Parcel } from '../../server/contract/orders'
import { SaleLine } from '../../server/contract/sales'

/* One source for each shape: server/contract holds the API's schemas, the server validates,
   serializes and documents with them, its services return their Static<> types, and the app
   (src/api) re-exports those types. Three things keep it so: the unions are the domain's,
   the types are the domain's (compiled here, since jest does not check types), and the app
   takes types only from the server, never a value (which would bundle TypeBox and Node). */

const ROOT = path.join(__dirname, '../..')
const valuesOf = (schema: unknown) => (schema as { anyOf: { const: string }[] }).anyOf.map((member) => member.const)

describe('the contract (server/contract)', () => {
  it('builds its unions from the domain’s arrays', () => {
    expect(valuesOf(Order.properties.status)).toEqual([...ORDER_STATUSES])
    expect(valuesOf(Parcel.properties.status)).toEqual([...PARCEL_STATUSES])
    expect(valuesOf(Listing.properties.category)).toEqual([...CATEGORIES])
    expect(valuesOf(ListingQuery.properties.category)).toEqual([...CATEGORIES])
    expect(valuesOf(Listing.properties.unit)).toEqual([...UNITS])
    expect(valuesOf(AfterSaleCase.properties.kind)).toEqual([...CASE_KINDS])
    expect(valuesOf(ReportInput.properties.kind)).toEqual([...CASE_KINDS])
    expect(valuesOf(AfterSaleCase.properties.status)).toEqual([...CASE_STATUSES])
    expect(valuesOf(SaleLine.properties.status)).toEqual([...SALE_LINE_STATUSES])
  })

  it('documents a listing’s status as a string, as before, while its type is the domain’s union', () => {
    expect(JSON.parse(JSON.stringify(Listing.properties.status))).toEqual({ type: 'string' })
  })

  it('gives the domain’s own types, exactly (tests/server/contract-types.check.ts compiles)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
    const program = ts.createProgram([path.join(__dirname, 'contract-types.check.ts')], config.options)
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(problems).toEqual([])
  }, 120_000)

  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : []
    })

  /** Every `import … from` and `export … from` of a file: what it names, and whether types only. */
  function modulesOf(file: string): { specifier: string; typeOnly: boolean }[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    return source.statements.flatMap((statement) => {
      if (ts.isImportDeclaration(statement)) {
        return [{ specifier: (statement.moduleSpecifier as ts.StringLiteral).text, typeOnly: statement.importClause?.isTypeOnly === true }]
      }
      if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
        return [{ specifier: (statement.moduleSpecifier as ts.StringLiteral).text, typeOnly: statement.isTypeOnly }]
      }
      return []
    })
  }

  it('reaches the app as types only: src imports nothing of server/ or TypeBox but with `import type`/`export type`', () => {
    const valueImports = sources(path.join(ROOT, 'src')).flatMap((file) =>
      modulesOf(file)
        .filter(({ specifier, typeOnly }) => !typeOnly && (specifier.includes('@sinclair/typebox') || (specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(path.join(ROOT, 'server') + path.sep))))
        .map(({ specifier }) => `${path.relative(ROOT, file)}: ${specifier}`),
    )
    expect(valueImports).toEqual([])
    // And the app does take its shapes from there.
    expect(modulesOf(path.join(ROOT, 'src/api/order-types.ts')).some((m) => m.typeOnly && m.specifier.endsWith('server/contract/orders'))).toBe(true)
  })

  it('is pure TypeBox: its files import TypeBox, each other, the domain and the id pattern, nothing of Fastify or the server', () => {
    const dir = path.join(ROOT, 'server/contract')
    const allowed = (specifier: string) => specifier === '@sinclair/typebox' || specifier.startsWith('./') || specifier.startsWith('../../src/domain/') || specifier === '../ids'
    const others = sources(dir).flatMap((file) =>
      modulesOf(file)
        .filter(({ specifier }) => !allowed(specifier))
        .map(({ specifier }) => `${path.basename(file)}: ${specifier}`),
    )
    expect(others).toEqual([])
  })
})
