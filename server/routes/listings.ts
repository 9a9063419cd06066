import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { CatalogService } from '../services/listings/catalog'
import { Id, PageOf, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Listing, ListingCounts, ListingQuery } from '../contract/listings'

export interface ListingRouteOptions {
  catalog: CatalogService
}

export const listingRoutes: FastifyPluginAsyncTypebox<ListingRouteOptions> = async (app, { catalog }) => {
  app.get('/listings', {
    schema: {
      tags: ['listings'],
      summary: 'The catalog: live listings, newest first',
      querystring: ListingQuery,
      response: { 200: PageOf(Listing), ...errors(400) },
    },
    handler: async (request) => {
      const { limit = 20, cursor, ...filter } = request.query
      return catalog.listLive(filter, limit, cursor)
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
      response: { 200: Listing, ...errors(400, 404) },
    },
    handler: (request) => catalog.getListing(request.params.id, request.user),
  })
}
