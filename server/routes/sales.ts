import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { assertVillageFarmer, farmerSales } from '../services/sales/farmer-sales'
import type { PhotoStorage } from '../storage/photo-storage'
import { Id, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Sales, SalesQuery } from '../contract/sales'

/* 我卖出的: a farmer's sales by collection run, for herself, and for her village's cun xiao'er
   when she has no phone. Another village's operator gets the 404 of a farmer that does not exist. */

export const salesRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; storage: PhotoStorage }> = async (app, { db, storage }) => {
  await app.register(async (farmer: typeof app) => {
    farmer.addHook('onRequest', requireRole('farmer'))

    farmer.get('/my/sales', {
      schema: { tags: ['sales'], summary: "The farmer's paid orders' lines by collection run, newest first, with what to hand in by when", querystring: SalesQuery, response: { 200: Sales, ...errors(400, 401, 403) } },
      handler: (request) => farmerSales({ db, storage }, request.user!.farmerId!, request.query),
    })
  })

  await app.register(async (operator: typeof app) => {
    operator.addHook('onRequest', requireRole('operator'))

    operator.get('/farmers/:id/sales', {
      schema: { tags: ['sales'], summary: "The same for a farmer of the operator's village", params: Type.Object({ id: Id }, Strict), querystring: SalesQuery, response: { 200: Sales, ...errors(400, 401, 403, 404) } },
      handler: async (request) => {
        await assertVillageFarmer(db, request.user!.villageId, request.params.id)
        return farmerSales({ db, storage }, request.params.id, request.query)
      },
    })
  })
}
