import fs from 'node:fs'
import Fastify from 'fastify'

/* The floor for reads: bare Fastify answering the catalog page and the listing detail with the
   very bytes the project server answered, kept in memory. Nothing is cheaper over HTTP, so the
   project's read path is measured as a share of this. FLOOR_PAGES names a JSON file
   { "<url>": "<body>" }. */

const pages = new Map<string, string>(Object.entries(JSON.parse(fs.readFileSync(process.env.FLOOR_PAGES!, 'utf8')) as Record<string, string>))
const app = Fastify({ logger: false })
app.get('/*', (request, reply) => {
  const body = pages.get(request.url)
  if (body === undefined) return reply.code(404).send({ error: { code: 'NOT_FOUND' } })
  return reply.type('application/json; charset=utf-8').send(body)
})
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('FLOOR LISTENING'))
