import Ajv from 'ajv'
import type { FastifyInstance } from 'fastify'

/* Request validation with two rule sets. A query string or path only carries text, so "20"
   may become the integer 20 there; a JSON body carries types, so `{ "quantity": "2" }` is a
   wrong type and refused, never coerced. Unknown fields are refused everywhere, never
   silently dropped: a buyer cannot slip in a price or a status. */
const common = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false } as const
const forBodies = new Ajv({ ...common, coerceTypes: false })
const forUrls = new Ajv({ ...common, coerceTypes: 'array' })

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? forBodies : forUrls).compile(schema))
}
