import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import { chinaMonth } from '../../src/domain/china-time'
import type { Clock } from '../clock'
import { errors } from '../contract/errors'
import { Reconciliation, ReconciliationQuery } from '../contract/reconciliation'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { countyReconciliation, reconciliationCsv } from '../services/reports/reconciliation'

/* The county's monthly reconciliation, for its staff: JSON for the page, CSV for the bookkeeper. */
export const reconciliationRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; clock: Clock }> = async (app, { db, clock }) => {
  app.addHook('onRequest', requireRole('county_staff'))

  app.get('/county/reconciliation', {
    schema: {
      tags: ['reports'],
      summary: 'The month’s money, village by village: received from buyers = farmers’ share + commission + shipping − subsidy + refunds, to the fen (default this month, China time); `format=csv` for the file',
      querystring: ReconciliationQuery,
      produces: ['application/json', 'text/csv'],
      response: { 200: Reconciliation, ...errors(400, 401, 403) },
    },
    handler: async (request, reply) => {
      const month = request.query.month ?? chinaMonth(clock())
      const reconciliation = await countyReconciliation(db, request.user!.countyId!, month)
      if (request.query.format !== 'csv') return reconciliation
      // The file is text, not the JSON the schema types: sent as it is, past the serializer.
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="reconciliation-${month}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(reconciliationCsv(reconciliation))
    },
  })
}
