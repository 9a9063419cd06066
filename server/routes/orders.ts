import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireRole } from '../http/auth'
import { sendJsonText } from '../http/photo-urls'
import type { OrderService } from '../services/orders/order-service'
import { Id, NoBody, PageOf, Paging, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { Order, OrderInput, PaymentRequest, PaymentStart, PlaceOrderInput, Quote } from '../contract/orders'

export interface OrderRouteOptions {
  orders: OrderService
  /** XIANGJI_PUBLIC_URL, the origin of photo URLs when set. */
  publicUrl?: string
}

const ById = Type.Object({ id: Id }, Strict)

/* The buyer's orders and payments (API.md "Orders"). */
export const orderRoutes: FastifyPluginAsyncTypebox<OrderRouteOptions> = async (app, { orders, publicUrl }) => {
  app.addHook('onRequest', requireRole('buyer'))

  app.post('/orders/quote', {
    schema: { tags: ['orders'], summary: 'What this order would cost now, line by line (nothing is reserved)', body: OrderInput, response: { 200: Quote, ...errors(400, 401, 403, 404) } },
    handler: (request) => orders.quote(request.body),
  })

  app.post('/orders', {
    schema: {
      tags: ['orders'],
      summary: 'Place an order (Idempotency-Key header required): stock is taken at once; pay within 30 minutes. With expectedTotalFen, another total now is a 409 PRICE_CHANGED carrying the new quote',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
      body: PlaceOrderInput,
      response: { 201: Order, ...errors(400, 401, 403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const placed = await orders.place(request.user!, request.headers['idempotency-key'], request.body)
      if (placed.replayed) reply.header('idempotent-replayed', 'true')
      // The text kept for the key's replays, sent as it is: not parsed and serialised again.
      return sendJsonText(request, reply, 201, placed.body, publicUrl)
    },
  })

  app.get('/orders', {
    schema: { tags: ['orders'], summary: 'The buyer’s orders, newest first', querystring: Type.Object(Paging, Strict), response: { 200: PageOf(Order), ...errors(400, 401, 403) } },
    handler: (request) => orders.list(request.user!, request.query.limit ?? 20, request.query.cursor),
  })

  app.get('/orders/:id', {
    schema: { tags: ['orders'], summary: 'One of the buyer’s orders', params: ById, response: { 200: Order, ...errors(400, 401, 403, 404) } },
    handler: (request) => orders.get(request.user!, request.params.id),
  })

  app.post('/orders/:id/cancel', {
    schema: { tags: ['orders'], summary: 'Cancel: unpaid, or paid while no parcel is handed in (refunded)', params: ById, body: NoBody, response: { 200: Order, ...errors(400, 401, 403, 404, 409) } },
    handler: async (request) => {
      await orders.cancel(request.user!, request.params.id)
      return orders.get(request.user!, request.params.id)
    },
  })

  app.post('/orders/:id/payments', {
    schema: { tags: ['payments'], summary: 'Start paying: wechat → the wx.requestPayment fields; sandbox (dev only) → a payment id', params: ById, body: PaymentRequest, response: { 200: PaymentStart, ...errors(400, 401, 403, 404, 409) } },
    handler: (request) => orders.payments.start(request.user!, request.params.id, request.body.provider),
  })

  app.post('/payments/sandbox/:paymentId/confirm', {
    schema: {
      tags: ['payments'],
      summary: 'Sandbox only: stands in for the provider’s success notification',
      params: Type.Object({ paymentId: Id }, Strict),
      body: NoBody,
      response: { 200: Order, ...errors(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { orderId } = await orders.payments.confirmSandbox(request.user!, request.params.paymentId)
      return orders.get(request.user!, orderId)
    },
  })
}
