import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { seesListingsAsBuyer } from '../../src/domain/listing-access'
import type { CatalogService } from '../services/listings/catalog'
import { Id, PageOf, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Listing, ListingCounts, ListingQuery } from '../contract/listings'
import { publicOrigin } from '../http/photo-urls'
import { originKey, renderAnswer, type RenderedAnswers, sendRendered } from '../http/rendered-answers'

export interface ListingRouteOptions {
  catalog: CatalogService
  answers: RenderedAnswers
  publicUrl?: string
}

export const listingRoutes: FastifyPluginAsyncTypebox<ListingRouteOptions> = async (app, { catalog, answers, publicUrl }) => {
  app.get('/listings', {
    schema: {
      tags: ['listings'],
      summary: 'The catalog: live listings, newest first',
      querystring: ListingQuery,
      response: { 200: PageOf(Listing), 304: Type.Null({ description: 'Not Modified: the If-None-Match ETag is still this answer' }), ...errors(400) },
    },
    handler: async (request, reply) => {
      const { limit = 20, cursor, ...filter } = request.query
      let origin: string | undefined
      const key = `catalog ${originKey(request, publicUrl)} ${JSON.stringify(request.query)}`
      const answer = await answers.get(key, () => catalog.listLive(filter, limit, cursor), reply, () => (origin ??= publicOrigin(request, publicUrl)))
      return sendRendered(request, reply, answer)
    },
  })

  app.get('/listings/counts', {
    schema: {
      tags: ['listings'],
      summary: 'How many live listings each category has (the home page shelves)',
      querystring: Type.Object({ countyId: Type.Optional(Id) }, Strict),
      response: { 200: ListingCounts, ...errors(400) },
    },
    handler: async (request) => ({ counts: await catalog.countsByCategory(request.query.countyId) }),
  })

  app.get('/listings/:id', {
    schema: {
      tags: ['listings'],
      summary: 'One listing: anyone if live; otherwise its farmer and its village operator',
      params: Type.Object({ id: Id }, Strict),
      response: { 200: Listing, 304: Type.Null({ description: 'Not Modified: the If-None-Match ETag is still this answer' }), ...errors(400, 404) },
    },
    handler: async (request, reply) => {
      const { id } = request.params
      let origin: string | undefined
      const photoOrigin = () => (origin ??= publicOrigin(request, publicUrl))
      // Its farmer and operator see more than a buyer (the content checks, a listing not live).
      if (!seesListingsAsBuyer(request.user)) return sendRendered(request, reply, renderAnswer(reply, await catalog.getListing(id, request.user), photoOrigin))
      const answer = await answers.get(`listing ${originKey(request, publicUrl)} ${id}`, () => catalog.getListing(id, null), reply, photoOrigin)
      return sendRendered(request, reply, answer)
    },
  })
}
