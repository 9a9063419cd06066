import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { chinaMonth } from '../../src/domain/china-time'
import type { Clock } from '../clock'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import type { ParcelFlow } from '../services/parcels/parcel-flow'
import { commissionStatement } from '../services/pickups/commissions'
import { subsidyReportCsv } from '../services/reports/subsidy-report'
import type { PickupDesk } from '../services/pickups/pickup-desk'
import { stuckShippingUploads } from '../services/pickups/shipping-info'
import { Id, NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Parcel } from '../contract/orders'
import { ChinaDateQuery, CommissionStatement, DeskOrder, Manifest, MonthQuery, PickupsQuery, StuckShippingUpload, VerifyInput, VillageRun } from '../contract/parcels'

export interface ParcelRouteOptions {
  db: Kysely<DB>
  clock: Clock
  parcels: ParcelFlow
  desk: PickupDesk
}

const ById = Type.Object({ id: Id }, Strict)

/* The cun xiao'er's parcels and commission, and the county center's collection run and pickup desk. */
export const parcelRoutes: FastifyPluginAsyncTypebox<ParcelRouteOptions> = async (app, { db, clock, parcels, desk }) => {
  await app.register(async (operator: typeof app) => {
    operator.addHook('onRequest', requireRole('operator'))

    operator.get('/village/parcels', {
      schema: { tags: ['parcels'], summary: 'Parcels of the operator’s village for a collection run (default: the next run with parcels to collect, else tomorrow; the date chosen is in `date`), and by when farmers hand them in', querystring: ChinaDateQuery, response: { 200: VillageRun, ...errors(400, 401, 403) } },
      handler: async (request) => {
        const { date, handInBy, parcels: items } = await parcels.villageParcels(request.user!, request.query.date)
        // One run of one village is a few dozen parcels: one page, in the list shape of API.md.
        return { date, handInBy, items, nextCursor: null }
      },
    })

    operator.post('/parcels/:id/collect', {
      schema: { tags: ['parcels'], summary: 'The farmer handed the parcel in at the village service center', params: ById, body: NoBody, response: { 200: Parcel, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => parcels.collect(request.user!, request.params.id),
    })

    operator.get('/operator/commissions', {
      schema: { tags: ['commissions'], summary: 'The operator’s commission entries of a month (default this month, China time)', querystring: MonthQuery, response: { 200: CommissionStatement, ...errors(400, 401, 403) } },
      handler: (request) => commissionStatement(db, request.user!.id, request.query.month ?? chinaMonth(clock())),
    })
  })

  await app.register(async (staff: typeof app) => {
    staff.addHook('onRequest', requireRole('county_staff'))

    staff.get('/county/manifest', {
      schema: { tags: ['parcels'], summary: 'The collection run for a date (default: the earliest run with parcels collected but not received, else today), village by village', querystring: ChinaDateQuery, response: { 200: Manifest, ...errors(400, 401, 403) } },
      handler: (request) => parcels.manifest(request.user!, request.query.date),
    })

    staff.post('/parcels/:id/receive', {
      schema: { tags: ['parcels'], summary: 'The parcel arrived at the county center; the order’s last one makes it ready for pickup', params: ById, body: NoBody, response: { 200: Parcel, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => parcels.receive(request.user!, request.params.id),
    })

    staff.get('/county/shipping-uploads', {
      schema: { tags: ['pickups'], summary: 'Orders of the county whose shipping information WeChat did not take, with WeChat’s error (to finish in the mini-program’s admin)', response: { 200: Type.Object({ items: Type.Array(StuckShippingUpload), nextCursor: Type.Null() }), ...errors(401, 403) } },
      handler: async (request) => ({ items: await stuckShippingUploads(db, request.user!.countyId!), nextCursor: null }),
    })

    staff.get('/county/pickups', {
      schema: {
        tags: ['pickups'],
        summary: 'Orders ready for pickup at the staff member’s center; with `number`, that one order of the center whatever its state (404 if none)',
        querystring: PickupsQuery,
        response: { 200: Type.Object({ items: Type.Array(DeskOrder), nextCursor: Type.Null() }), ...errors(400, 401, 403, 404) },
      },
      handler: async (request) => {
        const { number } = request.query
        return { items: number === undefined ? await desk.readyOrders(request.user!) : [await desk.orderByNumber(request.user!, number)], nextCursor: null }
      },
    })

    staff.post('/pickups/verify', {
      schema: { tags: ['pickups'], summary: 'Hand an order over on its 6-digit code (and order id, from the QR code)', body: VerifyInput, response: { 200: DeskOrder, ...errors(400, 401, 403, 404, 409, 429) } },
      handler: (request) => desk.verify(request.user!, request.body),
    })

    staff.get('/county/reports/subsidy', {
      schema: { tags: ['reports'], summary: 'The month’s orders with shipping charged and subsidy granted, as CSV, for the county’s subsidy claim', querystring: MonthQuery, produces: ['text/csv'], response: { ...errors(400, 401, 403) } },
      handler: async (request, reply) => {
        const month = request.query.month ?? chinaMonth(clock())
        const csv = await subsidyReportCsv(db, request.user!.countyId!, month)
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="subsidy-${month}.csv"`).send(csv)
      },
    })
  })

  await app.register(async (operatorOrStaff: typeof app) => {
    operatorOrStaff.addHook('onRequest', requireRole('operator', 'county_staff'))

    operatorOrStaff.post('/parcels/:id/undo', {
      schema: { tags: ['parcels'], summary: 'Undo one’s own collect or receive of the parcel within 10 minutes, before the order moves on', params: ById, body: NoBody, response: { 200: Parcel, ...errors(400, 401, 403, 404, 409) } },
      handler: (request) => parcels.undo(request.user!, request.params.id),
    })
  })
}
