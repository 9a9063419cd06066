import type { KeyValueStorage } from '../../src/stores/session-store'

/* Signing in from a page (the cart, 立即购买, a staff page) goes back there afterwards: the
   session keeps where to, hands it out once, and only to someone signed in. The API is a fake. */

jest.mock('../../src/api', () => {
  class ApiError extends Error {}
  return {
    ApiError,
    toApiError: (error: unknown) => error,
    setBearerToken: () => undefined,
    api: { devLogin: async (userId: string) => ({ token: `tok_${userId}`, user: { id: userId, name: '陈晓', role: 'buyer' } }), logout: async () => undefined },
  }
})

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SessionStore } = require('../../src/stores/session-store') as typeof import('../../src/stores/session-store')

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

const newSession = () => new SessionStore({ storage: new MemoryStorage(), wechatCode: async () => 'code' })

describe('the way back after signing in', () => {
  it('gives the asking page back once, after the sign-in', async () => {
    const session = newSession()
    session.askToSignIn('/pages/cart/index')
    expect(session.takeReturnPath()).toBeNull() // not signed in yet
    await session.signInAsDemoUser('usr_buyer')
    expect(session.takeReturnPath()).toBe('/pages/cart/index')
    expect(session.takeReturnPath()).toBeNull()
  })

  it('forgets it when the user leaves 我的 without signing in', async () => {
    const session = newSession()
    session.askToSignIn('/pages/listing/index?id=lst_1')
    session.forgetReturnPath()
    await session.signInAsDemoUser('usr_buyer')
    expect(session.takeReturnPath()).toBeNull()
  })

  it('keeps the latest page that asked', async () => {
    const session = newSession()
    session.askToSignIn('/pages/cart/index')
    session.askToSignIn('/packages/operator/pages/review/index')
    await session.signInAsDemoUser('usr_op')
    expect(session.takeReturnPath()).toBe('/packages/operator/pages/review/index')
  })
})
