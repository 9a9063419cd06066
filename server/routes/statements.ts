import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { chinaMonth } from '../../src/domain/china-time'
import type { Clock } from '../clock'
import { Id, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { MonthQuery } from '../contract/parcels'
import { Statement } from '../contract/statements'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { statementOfHolder } from '../services/ledger/ledger-reads'
import { assertVillageFarmer } from '../services/sales/farmer-sales'

/* 我的收入: a farmer's statement (her sales, commission, after-sale deductions and payouts), or a
   cun xiao'er's (his commission); and a farmer's, for her village's cun xiao'er to read out or print
   when she has no phone. */
export const statementRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; clock: Clock }> = async (app, { db, clock }) => {
  const monthOf = (query: { month?: string }) => query.month ?? chinaMonth(clock())

  await app.register(async (payee: typeof app) => {
    payee.addHook('onRequest', requireRole('farmer', 'operator'))

    payee.get('/my/statement', {
      schema: { tags: ['statements'], summary: 'What I am owed and was paid: balances now, and the month’s lines (default this month, China time)', querystring: MonthQuery, response: { 200: Statement, ...errors(400, 401, 403) } },
      // A farmer's money is held by her farmer record (a phone or none); a cun xiao'er's by his account.
      handler: (request) => statementOfHolder(db, request.user!.role === 'farmer' ? request.user!.farmerId! : request.user!.id, monthOf(request.query)),
    })
  })

  await app.register(async (operator: typeof app) => {
    operator.addHook('onRequest', requireRole('operator'))

    operator.get('/farmers/:id/statement', {
      schema: { tags: ['statements'], summary: "A statement of a farmer of the operator's village", params: Type.Object({ id: Id }, Strict), querystring: MonthQuery, response: { 200: Statement, ...errors(400, 401, 403, 404) } },
      handler: async (request) => {
        await assertVillageFarmer(db, request.user!.villageId, request.params.id)
        return statementOfHolder(db, request.params.id, monthOf(request.query))
      },
    })
  })
}
