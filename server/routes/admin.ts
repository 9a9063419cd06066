import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { publicOrigin, requireRole } from '../http/auth'
import { refundPickedUpOrder } from '../services/orders/refund-after-pickup'
import type { RefundDeps } from '../services/payments/refunds'
import type { OrderViewDeps } from '../services/orders/order-view'
import { viewOrders } from '../services/orders/order-view'
import { Id, NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Order } from '../contract/orders'

export interface AdminRouteOptions {
  refunds: RefundDeps
  views: OrderViewDeps
  publicUrl?: string
}

/* Xiangji's own staff (admin): refunds after pickup (added to API.md's list). */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRouteOptions> = async (app, { refunds, views, publicUrl }) => {
  app.post('/admin/orders/:id/refund', {
    schema: { tags: ['admin'], summary: 'Refund an order already picked up; the commission on it is taken back', params: Type.Object({ id: Id }, Strict), body: NoBody, response: { 200: Order, ...errors(400, 401, 403, 404, 409) } },
    preHandler: requireRole('admin'),
    handler: async (request) => {
      await refundPickedUpOrder(refunds, request.user!, request.params.id)
      const row = await views.db.selectFrom('orders').selectAll().where('id', '=', request.params.id).executeTakeFirstOrThrow()
      return (await viewOrders(views, [row], publicOrigin(request, publicUrl)))[0]
    },
  })
}
