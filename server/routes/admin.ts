import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireRole } from '../http/auth'
import { type RefundAfterPickupDeps, refundPickedUpOrder } from '../services/orders/refund-after-pickup'
import { Id, NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Order } from '../contract/orders'

export interface AdminRouteOptions {
  refunds: RefundAfterPickupDeps
}

/* Xiangji's own staff (admin): refunds after pickup (added to API.md's list). */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRouteOptions> = async (app, { refunds }) => {
  app.addHook('onRequest', requireRole('admin'))

  app.post('/admin/orders/:id/refund', {
    schema: { tags: ['admin'], summary: 'Refund an order already picked up; the commission on it is taken back', params: Type.Object({ id: Id }, Strict), body: NoBody, response: { 200: Order, ...errors(400, 401, 403, 404, 409) } },
    handler: (request) => refundPickedUpOrder(refunds, request.user!, request.params.id),
  })
}
