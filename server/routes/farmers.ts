import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { MOBILE_NUMBER_PATTERN, PERSON_NAME_MAX_LENGTH } from '../../src/domain/people'
import type { Clock } from '../clock'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { addFarmer, listVillageFarmers } from '../services/accounts/farmers'
import { errors, Farmer, PageOf, Strict } from './schemas'

export const farmerRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; clock: Clock }> = async (app, { db, clock }) => {
  // Only the village's cun xiao'er keeps its farmers.
  app.addHook('preHandler', requireRole('operator'))

  app.get('/farmers', {
    schema: { tags: ['farmers'], summary: "The farmers of the operator's village", querystring: Type.Object({}, Strict), response: { 200: PageOf(Farmer), ...errors(400, 401, 403) } },
    handler: async (request) => ({ items: await listVillageFarmers(db, request.user!.villageId!), nextCursor: null }),
  })

  app.post('/farmers', {
    schema: {
      tags: ['farmers'],
      summary: "Add a farmer (without a phone) to the operator's village",
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH, pattern: '\\S' }),
          phone: Type.Optional(Type.String({ pattern: MOBILE_NUMBER_PATTERN.source })),
        },
        Strict,
      ),
      response: { 201: Farmer, ...errors(400, 401, 403) },
    },
    handler: async (request, reply) => reply.status(201).send(await addFarmer({ db, clock }, request.user!, request.body)),
  })
}
