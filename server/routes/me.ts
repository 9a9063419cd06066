import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireSignedIn } from '../http/auth'
import { toUserView } from '../services/accounts/users'
import { errors } from '../contract/errors'
import { User } from '../contract/users'

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireSignedIn)

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: User, ...errors(401) } },
    handler: (request) => toUserView(request.user!),
  })
}
