import Ajv from 'ajv'
import type { FastifyInstance } from 'fastify'

/* Request validation with two rule sets. A query string or path only carries text, so "20"
   may become the integer 20 there; a JSON body carries types, so `{ "quantity": "2" }` is a
   wrong type and refused, never coerced. Unknown fields are refused everywhere, never
   silently dropped: a buyer cannot slip in a price or a status. */
const common = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false } as const
const forBodies = new Ajv({ ...common, coerceTypes: false })
const forUrls = new Ajv({ ...common, coerceTypes: 'array' })

/** Marks a body schema that may also be absent: an action with nothing to say (approve). */
export const OPTIONAL_BODY = 'x-optional-body'

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? forBodies : forUrls).compile(schema)
    if (httpPart !== 'body' || !(schema as Record<string, unknown>)[OPTIONAL_BODY]) return validate
    // Fastify reads the errors off the function it was given after a failed call.
    // Fastify hands a missing body to the validator as null.
    const optional = (data: unknown) => data === undefined || data === null || validate(data)
    return Object.defineProperty(optional, 'errors', { get: () => validate.errors })
  })
}
