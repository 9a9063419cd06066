import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Role, UserTable } from '../db/schema'
import type { AuthService } from '../services/accounts/auth'
import { forbidden, unauthenticated, validationFailed } from '../services/service-error'

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

/** Reads the bearer token once per request; routes then ask for the roles they need. */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('user', null)
  app.decorateRequest('bearerToken', null)
  app.addHook('preHandler', async (request) => {
    const token = bearerOf(request)
    request.bearerToken = token || null
    // A public page still works with a stale token: the catalog must not lock a buyer out.
    request.user = token ? await auth.userForToken(token) : null
  })
}

/** A preHandler: signed in, and (when roles are named) in one of them. */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.user) throw unauthenticated(request.bearerToken ? 'your session has expired or was signed out' : 'sign in first')
    if (roles.length > 0 && !roles.includes(request.user.role)) throw forbidden()
  }
}

export const requireSignedIn = requireRole()

/** A host and maybe a port, nothing else: a Host header is the client's word. */
const HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/

/** Where this request came from, so photo URLs work in the mini-program, which has no origin.
    Set XIANGJI_PUBLIC_URL in production; X-Forwarded-Host counts only from a trusted proxy. */
export function publicOrigin(request: FastifyRequest, configured?: string): string {
  if (configured) return configured
  if (!HOST.test(request.host)) throw validationFailed({ host: 'must be a host name, maybe with a port' }, 'the Host header is not valid')
  return `${request.protocol}://${request.host}`
}
