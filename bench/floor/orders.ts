import Fastify from 'fastify'
import { randomUUID } from 'node:crypto'
import { openFloorStore } from './order-store'

/* The floor for order placement: bare Fastify doing the minimal correct order transaction the
   project's POST /orders must also do, with the same durability: in one write transaction, the
   idempotency key is claimed, each line's stock is taken only if enough is left, and the order
   row is written. A key seen before answers the order it made. Nothing else: no auth lookup,
   no pricing rules, no parcels. FLOOR_DATABASE is a SQLite file or a postgres:// URL. */

interface Body {
  lines: { listingId: string; quantity: number }[]
  pickupPointId: string
}

async function main() {
  const store = await openFloorStore(process.env.FLOOR_DATABASE!)
  const app = Fastify({ logger: false })
  app.post<{ Body: Body }>('/api/v1/orders', async (request, reply) => {
    const key = request.headers['idempotency-key']
    const buyer = request.headers.authorization
    if (typeof key !== 'string' || typeof buyer !== 'string') return reply.code(400).send({ error: { code: 'VALIDATION_FAILED' } })
    const outcome = await store.placeOrder({ id: randomUUID(), buyer, key, lines: request.body.lines })
    if (outcome === 'OUT_OF_STOCK') return reply.code(409).send({ error: { code: 'OUT_OF_STOCK' } })
    return reply.code(201).send(outcome)
  })
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  console.log('FLOOR LISTENING')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
