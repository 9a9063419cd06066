import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireSignedIn } from '../http/auth'
import { notFound } from '../services/service-error'
import type { AuthService } from '../services/accounts/auth'
import { Id, NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { SignedIn, User } from '../contract/users'

export interface AuthRouteOptions {
  auth: AuthService
  devLogin: boolean
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRouteOptions> = async (app, { auth, devLogin }) => {
  app.post('/auth/wechat', {
    schema: {
      tags: ['auth'],
      summary: 'Exchange a wx.login code for a Xiangji token (code2Session on the server)',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, Strict),
      response: { 200: SignedIn, ...errors(400, 401, 403, 429, 503) },
    },
    handler: (request) => auth.signInWithWeChat(request.body.code),
  })

  // Dev login answers 404 when switched off, as if it did not exist.
  const devOnly = async () => {
    if (!devLogin) throw notFound('route')
  }

  app.get('/auth/dev/users', {
    schema: { tags: ['auth'], summary: 'The demo users (dev login only)', response: { 200: Type.Array(User), ...errors(404) } },
    onRequest: devOnly,
    handler: () => auth.demoUsers(),
  })

  app.post('/auth/dev', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in as a demo user (dev login only)',
      body: Type.Object({ userId: Id }, Strict),
      response: { 200: SignedIn, ...errors(400, 404) },
    },
    onRequest: devOnly,
    handler: (request) => auth.signInAsDemoUser(request.body.userId),
  })

  await app.register(async (signedIn: typeof app) => {
    signedIn.addHook('onRequest', requireSignedIn)

    signedIn.post('/auth/logout', {
      schema: { tags: ['auth'], summary: 'Revoke this token', body: NoBody, response: { 204: Type.Null(), ...errors(401) } },
      handler: async (request, reply) => {
        await auth.revoke(request.bearerToken!)
        return reply.status(204).send(null)
      },
    })
  })
}
