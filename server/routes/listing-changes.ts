import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireRole } from '../http/auth'
import type { CatalogService } from '../services/listings/catalog'
import type { ListingCommands } from '../services/listings/listing-commands'
import { Id, NoBody, PageOf, Paging, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Listing, ListingEdit, ListingEvent, NewListingInput, RejectInput } from '../contract/listings'

export interface ListingChangeOptions {
  catalog: CatalogService
  commands: ListingCommands
}

const ById = Type.Object({ id: Id }, Strict)

/* Listing by photo and its review: the farmer's and the cun xiao'er's routes. */
export const listingChangeRoutes: FastifyPluginAsyncTypebox<ListingChangeOptions> = async (app, { catalog, commands }) => {
  const statusRoute = (scope: typeof app, path: string, summary: string, run: (request: any) => Promise<void>, body: ReturnType<typeof Type.Object> = NoBody) =>
    scope.post(path, {
      schema: { tags: ['listings'], summary, params: ById, body, response: { 200: Listing, ...errors(400, 401, 403, 404, 409, 422) } },
      handler: async (request: any) => {
        await run(request)
        return catalog.getListing(request.params.id, request.user)
      },
    })

  await app.register(async (farmerOrOperator: typeof app) => {
    farmerOrOperator.addHook('onRequest', requireRole('farmer', 'operator'))

    farmerOrOperator.post('/listings', {
      schema: {
        tags: ['listings'],
        summary: "List goods: a farmer's own (to review) or an operator's for a farmer of the village (live)",
        body: NewListingInput,
        response: { 201: Listing, ...errors(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => {
        const id = await commands.create(request.user!, { description: '', ...request.body })
        return reply.status(201).send(await catalog.getListing(id, request.user))
      },
    })

    farmerOrOperator.patch('/listings/:id', {
      schema: {
        tags: ['listings'],
        summary: 'Edit a listing (its farmer or its village operator); a farmer’s edit goes back to review',
        params: ById,
        body: ListingEdit,
        response: { 200: Listing, ...errors(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request) => {
        await commands.edit(request.user!, request.params.id, request.body)
        return catalog.getListing(request.params.id, request.user)
      },
    })

    statusRoute(farmerOrOperator, '/listings/:id/withdraw', 'Withdraw a listing (its farmer or village operator)', (r) => commands.withdraw(r.user, r.params.id))

    farmerOrOperator.get('/listings/:id/history', {
      schema: { tags: ['listings'], summary: "A listing's recorded changes (its farmer and village operator)", params: ById, response: { 200: PageOf(ListingEvent), ...errors(400, 401, 403, 404) } },
      handler: async (request) => ({ items: await commands.history(request.user!, request.params.id), nextCursor: null }),
    })
  })

  await app.register(async (operator: typeof app) => {
    operator.addHook('onRequest', requireRole('operator'))

    statusRoute(operator, '/listings/:id/approve', 'Approve a listing under review (village operator)', (r) => commands.approve(r.user, r.params.id))
    statusRoute(operator, '/listings/:id/reject', 'Reject a listing under review, with the reason shown to the farmer', (r) => commands.reject(r.user, r.params.id, r.body.reason.trim()), RejectInput)

    operator.get('/review-queue', {
      schema: { tags: ['listings'], summary: "The village's listings waiting for review, oldest first", querystring: Type.Object(Paging, Strict), response: { 200: PageOf(Listing), ...errors(400, 401, 403) } },
      handler: (request) => catalog.reviewQueue(request.user!.villageId!, request.query.limit ?? 20, request.query.cursor),
    })
  })

  await app.register(async (farmer: typeof app) => {
    farmer.addHook('onRequest', requireRole('farmer'))

    farmer.get('/my/listings', {
      schema: { tags: ['listings'], summary: "The farmer's own listings in every status", querystring: Type.Object(Paging, Strict), response: { 200: PageOf(Listing), ...errors(400, 401, 403) } },
      handler: (request) => catalog.farmersListings(request.user!.farmerId!, request.query.limit ?? 20, request.query.cursor),
    })
  })
}
