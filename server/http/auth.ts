import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Role, UserTable } from '../db/schema'
import type { AuthService } from '../services/accounts/auth'
import { forbidden, unauthenticated } from '../services/service-error'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous request (or one with a dead token). */
    user: UserTable | null
    /** The bearer token as sent, kept so logout can revoke exactly it. */
    bearerToken: string | null
  }
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/.exec(header.trim())
  return match ? match[1] : ''
}

/** Reads the bearer token once per request, first of all (onRequest: before the body is read
 *  or validated), so that a route's group can ask for the roles it needs just as early. */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('user', null)
  app.decorateRequest('bearerToken', null)
  app.addHook('onRequest', async (request) => {
    const token = bearerOf(request)
    request.bearerToken = token || null
    // A public page still works with a stale token: the catalog must not lock a buyer out.
    request.user = token ? await auth.userForToken(token) : null
  })
}

/** The hook of a group of routes: signed in, and (when roles are named) in one of them. It runs
 *  on request, before validation, so who you are is settled before what you sent: a stranger
 *  gets 401 and a wrong role 403 whatever the body, and only then does a bad body get its 400. */
export function requireRole(...roles: Role[]): onRequestAsyncHookHandler {
  return async (request) => {
    if (!request.user) throw unauthenticated(request.bearerToken ? 'your session has expired or was signed out' : 'sign in first')
    if (roles.length > 0 && !roles.includes(request.user.role)) throw forbidden()
  }
}

export const requireSignedIn = requireRole()
