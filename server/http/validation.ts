import Ajv, { type SchemaObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv'
import type { FastifyInstance } from 'fastify'
import { forbiddenCharacterIn } from '../../src/domain/plain-text'

/* Request validation with two rule sets. A query string or path only carries text, so "20"
   may become the integer 20 there; a JSON body carries types, so `{ "quantity": "2" }` is a
   wrong type and refused, never coerced. Unknown fields are refused everywhere, never
   silently dropped: a buyer cannot slip in a price or a status. */
const common = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false } as const
const forBodies = new Ajv({ ...common, coerceTypes: false })
const forUrls = new Ajv({ ...common, coerceTypes: 'array' })

// The two marks are part of the shapes (server/contract); read here, where they take effect.
import { MULTILINE_TEXT, OPTIONAL_BODY } from '../contract/common'

/* Every string a request schema declares is plain text (src/domain/plain-text.ts), in the
   body, the query, the path and the headers alike: the rule is added here, to every string
   schema, so no route can forget it. Without it a NUL was a 500 on PostgreSQL and stored on
   SQLite. */
const PLAIN_TEXT = 'x-plain-text'
type TextKind = 'single-line' | 'multiline'

const isPlainText: SchemaValidateFunction = (kind: TextKind, data: string) => {
  const found = forbiddenCharacterIn(data, { multiline: kind === 'multiline' })
  if (found === null) return true
  const message = found === 'lone_surrogate' ? 'must be valid Unicode text (it holds half of a surrogate pair)' : 'must not contain control characters'
  isPlainText.errors = [{ keyword: PLAIN_TEXT, message, params: { reason: found } }]
  return false
}

for (const ajv of [forBodies, forUrls]) {
  ajv.addKeyword({ keyword: PLAIN_TEXT, type: 'string', schemaType: 'string', errors: true, validate: isPlainText })
}

const isStringSchema = (schema: Record<string, unknown>) =>
  schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))

/** A copy of the schema with the plain-text rule on each string in it; the route's own schema
 *  stays as written, because it also serializes answers and documents the API. */
function withPlainText(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withPlainText)
  if (schema === null || typeof schema !== 'object') return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) copy[key] = withPlainText(value)
  if (isStringSchema(copy)) copy[PLAIN_TEXT] = copy[MULTILINE_TEXT] === true ? 'multiline' : 'single-line'
  return copy
}

/** Compiles each schema once per rule set: a schema shared by several routes (an id in the
 *  path) is copied and compiled once. */
function compilerFor(ajv: Ajv) {
  const compiled = new WeakMap<object, ValidateFunction>()
  return (schema: object) => {
    let validate = compiled.get(schema)
    if (!validate) {
      validate = ajv.compile(withPlainText(schema) as SchemaObject)
      compiled.set(schema, validate)
    }
    return validate
  }
}
const compileBody = compilerFor(forBodies)
const compileUrl = compilerFor(forUrls)

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? compileBody : compileUrl)(schema)
    if (httpPart !== 'body' || !(schema as Record<string, unknown>)[OPTIONAL_BODY]) return validate
    // Fastify reads the errors off the function it was given after a failed call.
    // Fastify hands a missing body to the validator as null.
    const optional = (data: unknown) => data === undefined || data === null || validate(data)
    return Object.defineProperty(optional, 'errors', { get: () => validate.errors })
  })
}
