import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { listCounties, listPickupPoints, listVillages } from '../services/places/places'
import { Id, PageOf, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { County, PickupPoint, Village } from '../contract/places'

/* The places are few (one county has ~50 villages), so they come in one page: nextCursor is
   always null, but the list shape is the one every list in API.md has. */
const ByCounty = Type.Object({ countyId: Type.Optional(Id) }, Strict)

export const placeRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/counties', {
    schema: { tags: ['places'], querystring: Type.Object({}, Strict), response: { 200: PageOf(County), ...errors(400) } },
    handler: async () => ({ items: await listCounties(db), nextCursor: null }),
  })
  app.get('/villages', {
    schema: { tags: ['places'], querystring: ByCounty, response: { 200: PageOf(Village), ...errors(400) } },
    handler: async (request) => ({ items: await listVillages(db, request.query.countyId), nextCursor: null }),
  })
  app.get('/pickup-points', {
    schema: { tags: ['places'], querystring: ByCounty, response: { 200: PageOf(PickupPoint), ...errors(400) } },
    handler: async (request) => ({ items: await listPickupPoints(db, request.query.countyId), nextCursor: null }),
  })
}
