import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { SALE_LINE_STATUSES } from '../../src/domain/farmer-sales'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { assertVillageFarmer, farmerSales } from '../services/sales/farmer-sales'
import type { PhotoStorage } from '../storage/photo-storage'
import { AfterSaleCase } from './case-schemas'
import { errors, Id, Strict, Unit } from './schemas'

/* 我卖出的: a farmer's sales by collection run, for herself, and for her village's cun xiao'er
   when she has no phone. Another village's operator gets the 404 of a farmer that does not exist. */

const RunDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })
const SalesQuery = Type.Object({ run: Type.Optional(RunDate), cursor: Type.Optional(RunDate), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, Strict)
const Totals = { lineCount: Type.Integer(), weightGrams: Type.Integer(), amountFen: Type.Integer() }

export const Sales = Type.Object({
  farmer: Type.Object({ id: Type.String(), name: Type.String() }),
  runs: Type.Array(
    Type.Object({
      date: Type.String(),
      handIn: Type.Object({ place: Type.String(), address: Type.String(), by: Type.String({ format: 'date-time' }) }),
      lines: Type.Array(
        Type.Object({
          orderId: Type.String(),
          number: Type.Union([Type.String(), Type.Null()]),
          title: Type.String(),
          quantity: Type.Integer(),
          unit: Unit,
          weightGrams: Type.Integer(),
          lineTotalFen: Type.Integer(),
          status: Type.Union(SALE_LINE_STATUSES.map((s) => Type.Literal(s))),
          reason: Type.Optional(Type.Union([Type.Literal('buyer_cancelled'), Type.Literal('refunded_after_pickup')])),
          cases: Type.Array(AfterSaleCase),
        }),
      ),
      toHandIn: Type.Integer(),
      totals: Type.Object(Totals),
    }),
  ),
  months: Type.Array(Type.Object({ month: Type.String(), ...Totals })),
  toHandIn: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

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
