import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { Id, NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { FarmerPayouts, MyPayouts, OfflineRecordInput, Payout, PayoutRun } from '../contract/payouts'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import type { PayoutRuns } from '../services/payouts/payout-runs'
import { type createOfflinePayouts, payoutsOf, payoutsOfFarmer } from '../services/payouts/payout-sending'
import { assertVillageFarmer } from '../services/sales/farmer-sales'

export interface PayoutRouteOptions {
  db: Kysely<DB>
  runs: PayoutRuns
  offline: ReturnType<typeof createOfflinePayouts>
  /** For wx.requestMerchantTransfer; null when WeChat Pay is not set up. */
  merchant: { mchId: string; appId: string } | null
}

const ById = Type.Object({ id: Id }, Strict)

/* Payout runs for county staff (drawn up by one clerk, approved by another), cash payouts
   recorded and approved, and each payee's own payouts to confirm in WeChat. */
export const payoutRoutes: FastifyPluginAsyncTypebox<PayoutRouteOptions> = async (app, { db, runs, offline, merchant }) => {
  await app.register(async (staff: typeof app) => {
    staff.addHook('onRequest', requireRole('county_staff'))
    const runView = ({ run, payouts }: Awaited<ReturnType<PayoutRuns['draft']>>) => ({ ...run, payouts })

    staff.get('/county/payout-runs', {
      schema: { tags: ['payouts'], summary: 'The county’s payout runs, newest first', response: { 200: Type.Object({ items: Type.Array(PayoutRun), nextCursor: Type.Null() }), ...errors(401, 403) } },
      handler: async (request) => ({ items: (await runs.list(request.user!)).map(runView), nextCursor: null }),
    })
    staff.post('/county/payout-runs', {
      schema: { tags: ['payouts'], summary: 'Draw up a payout run: everyone of the county owed 0.10 yuan or more; a second clerk approves it', body: NoBody, response: { 201: PayoutRun, ...errors(400, 401, 403, 409) } },
      handler: async (request, reply) => reply.status(201).send(runView(await runs.draft(request.user!))),
    })
    staff.post('/county/payout-runs/:id/approve', {
      schema: { tags: ['payouts'], summary: 'Approve a run (a clerk other than the one who drew it up): the payouts go out', params: ById, body: NoBody, response: { 200: PayoutRun, ...errors(400, 401, 403, 404, 409) } },
      handler: async (request) => runView(await runs.approve(request.user!, request.params.id)),
    })
    staff.post('/county/payout-runs/:id/reject', {
      schema: { tags: ['payouts'], summary: 'Reject a run: nothing is paid, the amounts stay payable', params: ById, body: NoBody, response: { 200: PayoutRun, ...errors(400, 401, 403, 404, 409) } },
      handler: async (request) => runView(await runs.reject(request.user!, request.params.id)),
    })
    staff.post('/payouts/:id/record-offline', {
      schema: { tags: ['payouts'], summary: 'Record a payout made off WeChat (cash at the center, a bank transfer) with its reference', params: ById, body: OfflineRecordInput, response: { 200: Payout, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => offline.record(request.user!, request.params.id, request.body.reference.trim()),
    })
    staff.post('/payouts/:id/approve-offline', {
      schema: { tags: ['payouts'], summary: 'Approve a recorded payout (a clerk other than the one who recorded it)', params: ById, body: NoBody, response: { 200: Payout, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => offline.approve(request.user!, request.params.id),
    })
  })

  await app.register(async (payee: typeof app) => {
    payee.addHook('onRequest', requireRole('farmer', 'operator'))
    payee.get('/my/payouts', {
      schema: { tags: ['payouts'], summary: 'My payouts; one awaiting confirmation carries the package wx.requestMerchantTransfer opens', response: { 200: MyPayouts, ...errors(401, 403) } },
      handler: async (request) => ({ items: await payoutsOf(db, request.user!), mchId: merchant?.mchId ?? null, appId: merchant?.appId ?? null }),
    })
  })

  await app.register(async (operator: typeof app) => {
    operator.addHook('onRequest', requireRole('operator'))
    operator.get('/farmers/:id/payouts', {
      schema: { tags: ['payouts'], summary: "A farmer's payouts, for the cun xiao'er of her village (her printed statement)", params: ById, response: { 200: FarmerPayouts, ...errors(400, 401, 403, 404) } },
      handler: async (request) => {
        await assertVillageFarmer(db, request.user!.villageId, request.params.id)
        return { items: await payoutsOfFarmer(db, request.params.id) }
      },
    })
  })
}
