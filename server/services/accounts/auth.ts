import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Clock } from '../../clock'
import type { DB, UserTable } from '../../db/schema'
import { ServiceError, notFound, unauthenticated } from '../service-error'
import { newId, sha256Hex } from '../../ids'
import { type WeChatLogin, WeChatLoginError } from '../../integrations/wechat-login'
import { findUser, listDemoUsers, toUserView, type UserView } from './users'

/* Our own sessions: a token is 256 random bits shown to the client once; the database keeps
   only its SHA-256, so a leaked backup signs nobody in. Tokens expire and logout revokes them. */

export interface AuthDeps {
  db: Kysely<DB>
  clock: Clock
  tokenTtlHours: number
  wechatLogin: WeChatLogin
}

export interface SignedIn {
  token: string
  user: UserView
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps

  async function issueToken(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    const now = clock()
    await db
      .insertInto('sessions')
      .values({
        tokenHash: sha256Hex(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.tokenTtlHours * 3_600_000).toISOString(),
        revokedAt: null,
      })
      .execute()
    return token
  }

  /** The user a bearer token stands for, or null when it is unknown, expired or revoked. */
  async function userForToken(token: string): Promise<UserTable | null> {
    // One query for the session and its user: every signed-in request pays for it.
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .selectAll('users')
      .select(['sessions.expiresAt as sessionExpiresAt', 'sessions.revokedAt as sessionRevokedAt'])
      .where('sessions.tokenHash', '=', sha256Hex(token))
      .executeTakeFirst()
    if (!row || row.sessionRevokedAt || row.sessionExpiresAt <= clock().toISOString()) return null
    const { sessionExpiresAt: _expires, sessionRevokedAt: _revoked, ...user } = row
    // Deleting an account removes its sessions; this holds even for one a race let through.
    return user.deletedAt ? null : user
  }

  async function revoke(token: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revokedAt: clock().toISOString() })
      .where('tokenHash', '=', sha256Hex(token))
      .where('revokedAt', 'is', null)
      .execute()
  }

  async function signInWithWeChat(code: string): Promise<SignedIn> {
    let session
    try {
      session = await deps.wechatLogin.code2Session(code)
    } catch (error) {
      throw signInRefusal(error)
    }
    const now = clock().toISOString()
    const user = await db.transaction().execute(async (trx) => {
      let found = await trx.selectFrom('users').selectAll().where('wechatOpenid', '=', session.openid).executeTakeFirst()
      if (!found) {
        // A first WeChat sign-in is a city buyer; farmers and staff are linked by their center.
        found = { id: newId('usr'), role: 'buyer', name: '微信用户', villageId: null, countyId: null, farmerId: null, wechatOpenid: session.openid, createdAt: now, deletedAt: null }
        await trx.insertInto('users').values(found).execute()
      }
      await trx
        .insertInto('wechatSessions')
        .values({ userId: found.id, openid: session.openid, sessionKey: session.sessionKey, updatedAt: now })
        .onConflict((oc) => oc.column('userId').doUpdateSet({ sessionKey: session.sessionKey, updatedAt: now }))
        .execute()
      return found
    })
    return { token: await issueToken(user.id), user: toUserView(user) }
  }

  async function signInAsDemoUser(userId: string): Promise<SignedIn> {
    const user = await findUser(db, userId)
    if (!user || user.wechatOpenid || user.deletedAt) throw notFound('demo user')
    return { token: await issueToken(user.id), user: toUserView(user) }
  }

  return { issueToken, userForToken, revoke, signInWithWeChat, signInAsDemoUser, demoUsers: () => listDemoUsers(db) }
}

export type AuthService = ReturnType<typeof createAuthService>

function signInRefusal(error: unknown): ServiceError {
  if (!(error instanceof WeChatLoginError)) return new ServiceError('UPSTREAM_UNAVAILABLE', 'WeChat sign-in is unavailable; please try again')
  switch (error.failure) {
    case 'invalid_code':
      return unauthenticated('the WeChat login code is invalid or already used; call wx.login again')
    case 'rate_limited':
      return new ServiceError('RATE_LIMITED', 'too many WeChat sign-ins; please wait a minute')
    case 'blocked':
      return new ServiceError('FORBIDDEN', 'WeChat refused this sign-in')
    default:
      return new ServiceError('UPSTREAM_UNAVAILABLE', 'WeChat sign-in is unavailable; please try again')
  }
}
