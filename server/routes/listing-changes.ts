import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { LISTING_REJECTION_REASON_MAX_LENGTH } from '../../src/domain/listing-limits'
import { publicOrigin, requireRole } from '../http/auth'
import { MULTILINE_TEXT } from '../http/validation'
import type { CatalogService } from '../services/listings/catalog'
import type { ListingCommands } from '../services/listings/listing-commands'
import { errors, Id, Listing, ListingEvent, listingFieldSchemas, NoBody, PageOf, Paging, Strict } from './schemas'

export interface ListingChangeOptions {
  catalog: CatalogService
  commands: ListingCommands
  publicUrl?: string
}

const ById = Type.Object({ id: Id }, Strict)

/* Listing by photo and its review: the farmer's and the cun xiao'er's routes. */
export const listingChangeRoutes: FastifyPluginAsyncTypebox<ListingChangeOptions> = async (app, { catalog, commands, publicUrl }) => {
  const farmerOrOperator = requireRole('farmer', 'operator')
  const operator = requireRole('operator')

  app.post('/listings', {
    schema: {
      tags: ['listings'],
      summary: "List goods: a farmer's own (to review) or an operator's for a farmer of the village (live)",
      body: Type.Object({ ...listingFieldSchemas, description: Type.Optional(listingFieldSchemas.description), farmerId: Type.Optional(Id) }, Strict),
      response: { 201: Listing, ...errors(400, 401, 403, 404) },
    },
    preHandler: farmerOrOperator,
    handler: async (request, reply) => {
      const id = await commands.create(request.user!, { description: '', ...request.body })
      return reply.status(201).send(await catalog.getListing(id, request.user, publicOrigin(request, publicUrl)))
    },
  })

  app.patch('/listings/:id', {
    schema: {
      tags: ['listings'],
      summary: 'Edit a listing (its farmer or its village operator); a farmer’s edit goes back to review',
      params: ById,
      body: Type.Partial(Type.Object(listingFieldSchemas), { ...Strict, minProperties: 1 }),
      response: { 200: Listing, ...errors(400, 401, 403, 404, 409) },
    },
    preHandler: farmerOrOperator,
    handler: async (request) => {
      await commands.edit(request.user!, request.params.id, request.body)
      return catalog.getListing(request.params.id, request.user, publicOrigin(request, publicUrl))
    },
  })

  const statusRoute = (path: string, summary: string, run: (request: any) => Promise<void>, guard = operator, body: ReturnType<typeof Type.Object> = NoBody) =>
    app.post(path, {
      schema: { tags: ['listings'], summary, params: ById, body, response: { 200: Listing, ...errors(400, 401, 403, 404, 409) } },
      preHandler: guard,
      handler: async (request: any) => {
        await run(request)
        return catalog.getListing(request.params.id, request.user, publicOrigin(request, publicUrl))
      },
    })

  statusRoute('/listings/:id/approve', 'Approve a listing under review (village operator)', (r) => commands.approve(r.user, r.params.id))
  statusRoute('/listings/:id/reject', 'Reject a listing under review, with the reason shown to the farmer', (r) => commands.reject(r.user, r.params.id, r.body.reason.trim()), operator, Type.Object({ reason: Type.String({ minLength: 1, maxLength: LISTING_REJECTION_REASON_MAX_LENGTH, pattern: '\\S', [MULTILINE_TEXT]: true }) }, Strict))
  statusRoute('/listings/:id/withdraw', 'Withdraw a listing (its farmer or village operator)', (r) => commands.withdraw(r.user, r.params.id), farmerOrOperator)

  app.get('/listings/:id/history', {
    schema: { tags: ['listings'], summary: "A listing's recorded changes (its farmer and village operator)", params: ById, response: { 200: PageOf(ListingEvent), ...errors(400, 401, 403, 404) } },
    preHandler: farmerOrOperator,
    handler: async (request) => ({ items: await commands.history(request.user!, request.params.id), nextCursor: null }),
  })

  app.get('/review-queue', {
    schema: { tags: ['listings'], summary: "The village's listings waiting for review, oldest first", querystring: Type.Object(Paging, Strict), response: { 200: PageOf(Listing), ...errors(400, 401, 403) } },
    preHandler: operator,
    handler: (request) => catalog.reviewQueue(request.user!.villageId!, request.query.limit ?? 20, request.query.cursor, publicOrigin(request, publicUrl)),
  })

  app.get('/my/listings', {
    schema: { tags: ['listings'], summary: "The farmer's own listings in every status", querystring: Type.Object(Paging, Strict), response: { 200: PageOf(Listing), ...errors(400, 401, 403) } },
    preHandler: requireRole('farmer'),
    handler: (request) => catalog.farmersListings(request.user!.farmerId!, request.query.limit ?? 20, request.query.cursor, publicOrigin(request, publicUrl)),
  })
}
