import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { DB } from '../db/schema'
import { requireSignedIn } from '../http/auth'
import type { PhotoStorage } from '../storage/photo-storage'
import type { AccountDeletion } from '../services/accounts/account-deletion'
import { exportAccount } from '../services/accounts/account-export'
import { toUserView } from '../services/accounts/users'
import { AccountExport } from '../contract/account'
import { NoBody, Strict } from '../contract/common'
import { errors } from '../contract/errors'
import { User } from '../contract/users'

export interface MeRouteOptions {
  db: Kysely<DB>
  clock: Clock
  storage: PhotoStorage
  deletion: AccountDeletion
}

export const meRoutes: FastifyPluginAsyncTypebox<MeRouteOptions> = async (app, { db, clock, storage, deletion }) => {
  app.addHook('onRequest', requireSignedIn)

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: User, ...errors(401) } },
    handler: (request) => toUserView(request.user!),
  })

  app.get('/me/export', {
    schema: { tags: ['auth'], summary: "The signed-in person's own data (PIPL's right of access)", querystring: Type.Object({}, Strict), response: { 200: AccountExport, ...errors(400, 401) } },
    handler: async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="xiangji-my-data.json"')
      return exportAccount({ db, clock, storage }, request.user!)
    },
  })

  app.delete('/me', {
    schema: {
      tags: ['auth'],
      summary: 'Delete my account (注销账号): personal data erased, records the law keeps detached, every token revoked',
      body: NoBody,
      response: { 204: Type.Null(), ...errors(401, 409) },
    },
    handler: async (request, reply) => {
      await deletion.deleteOwnAccount(request.user!)
      return reply.status(204).send(null)
    },
  })
}
