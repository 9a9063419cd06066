import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import type { AccountDeletion } from '../services/accounts/account-deletion'
import { addFarmer, listVillageFarmers } from '../services/accounts/farmers'
import type { TextChecks } from '../services/content/text-checks'
import { FarmerDeleted } from '../contract/account'
import { Id, NoBody, PageOf, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Farmer, NewFarmerInput } from '../contract/listings'

export const farmerRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; clock: Clock; deletion: AccountDeletion; text: TextChecks }> = async (app, { db, clock, deletion, text }) => {
  // Only the village's cun xiao'er keeps its farmers.
  app.addHook('onRequest', requireRole('operator'))

  app.get('/farmers', {
    schema: { tags: ['farmers'], summary: "The farmers of the operator's village", querystring: Type.Object({}, Strict), response: { 200: PageOf(Farmer), ...errors(400, 401, 403) } },
    handler: async (request) => ({ items: await listVillageFarmers(db, request.user!.villageId!), nextCursor: null }),
  })

  app.post('/farmers', {
    schema: {
      tags: ['farmers'],
      summary: "Add a farmer (without a phone) to the operator's village",
      body: NewFarmerInput,
      response: { 201: Farmer, ...errors(400, 401, 403, 422) },
    },
    handler: async (request, reply) => reply.status(201).send(await addFarmer({ db, clock, text }, request.user!, request.body)),
  })

  app.delete('/farmers/:id', {
    schema: {
      tags: ['farmers'],
      summary: "Delete the record of a farmer without an account of her own, at her request (her listings withdrawn, her name and phone erased)",
      params: Type.Object({ id: Id }),
      body: NoBody,
      response: { 200: FarmerDeleted, ...errors(400, 401, 403, 404, 409) },
    },
    handler: (request) => deletion.deleteFarmerRecord(request.user!, request.params.id),
  })
}
