import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireRole } from '../http/auth'
import type { CaseDesk } from '../services/after-sale/cases'
import { AfterSaleCase, CountyCase, DecideInput, ReportInput } from '../contract/cases'
import { Id, Strict } from '../contract/common'
import { errors } from '../contract/errors'

export interface CaseRouteOptions {
  cases: CaseDesk
}

/* After-sale cases (售后): reported by the order's buyer or recorded by its county's staff, decided by that county's staff. */
export const caseRoutes: FastifyPluginAsyncTypebox<CaseRouteOptions> = async (app, { cases }) => {
  await app.register(async (buyerOrStaff: typeof app) => {
    buyerOrStaff.addHook('onRequest', requireRole('buyer', 'county_staff'))

    buyerOrStaff.post('/orders/:id/cases', {
      schema: { tags: ['after-sale'], summary: 'Report a problem with a line: the buyer within 24 h of pickup, county staff at the desk', params: Type.Object({ id: Id }, Strict), body: ReportInput, response: { 201: AfterSaleCase, ...errors(400, 401, 403, 404, 409) } },
      handler: async (request, reply) => reply.status(201).send(await cases.report(request.user!, request.params.id, request.body)),
    })
  })

  await app.register(async (staff: typeof app) => {
    staff.addHook('onRequest', requireRole('county_staff'))

    staff.get('/county/cases', {
      schema: { tags: ['after-sale'], summary: 'The cases of the staff member’s county, open ones first', response: { 200: Type.Object({ items: Type.Array(CountyCase), nextCursor: Type.Null() }), ...errors(401, 403) } },
      handler: async (request) => ({ items: await cases.countyCases(request.user!), nextCursor: null }),
    })

    staff.post('/cases/:id/decide', {
      schema: { tags: ['after-sale'], summary: 'Decide a case: refund part or all of the line ({refundFen}), or not ({declineReason})', params: Type.Object({ id: Id }, Strict), body: DecideInput, response: { 200: AfterSaleCase, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => cases.decide(request.user!, request.params.id, request.body),
    })
  })
}
