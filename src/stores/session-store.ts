import { makeAutoObservable } from 'mobx'
import { api, ApiError, setBearerToken, toApiError, type User } from '../api'
import type { LoadStatus } from './load-status'
import { runInAction } from './run-in-action'

/* Who is signed in. The token lives in the phone's storage so a buyer stays signed in between
   visits; the API layer only carries it. */

export interface KeyValueStorage {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
}

export interface SessionDeps {
  storage: KeyValueStorage
  /** A one-time WeChat login code (wx.login); only the mini-program has one. */
  wechatCode: () => Promise<string>
}

const TOKEN_KEY = 'xiangji.token'
// The user is kept beside the token so "我的" shows who is signed in before /me answers.
const USER_KEY = 'xiangji.user'

export class SessionStore {
  token: string | null = null
  user: User | null = null
  signingIn = false
  signInError: ApiError | null = null
  /** The demo users, when the server has dev login switched on; empty when it is off. */
  demoUsers: User[] = []
  demoUsersStatus: LoadStatus = 'idle'
  /** Where the buyer was when a page sent them to 我的 to sign in: they go back there after.
   *  Not kept on the phone: a sign-in days later should not jump to an old page. */
  returnPath: string | null = null

  constructor(private readonly deps: SessionDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  get isSignedIn(): boolean {
    return this.token !== null && this.user !== null
  }

  get devLoginAvailable(): boolean {
    return this.demoUsers.length > 0
  }

  /** At launch: pick up the last sign-in and check it is still good. */
  restore(): void {
    const token = this.deps.storage.get(TOKEN_KEY)
    if (!token) return
    let user: User | null = null
    try {
      user = JSON.parse(this.deps.storage.get(USER_KEY) ?? 'null')
    } catch {
      user = null
    }
    this.applySignIn(token, user)
    void this.refreshUser()
  }

  async refreshUser(): Promise<void> {
    if (!this.token) return
    try {
      const user = await api.me()
      runInAction('applyCurrentUser', () => {
        this.user = user
        this.deps.storage.set(USER_KEY, JSON.stringify(user))
      })
    } catch {
      // A 401 has already signed us out (see RootStore); offline, the kept user still stands.
    }
  }

  async loadDemoUsers(): Promise<void> {
    if (this.demoUsersStatus === 'loading') return
    this.demoUsersStatus = 'loading'
    try {
      const users = await api.devUsers()
      runInAction('applyDemoUsers', () => {
        this.demoUsers = users
        this.demoUsersStatus = 'loaded'
      })
    } catch (error) {
      // 404 means dev login is switched off: not a failure, just no chooser.
      const off = error instanceof ApiError && error.status === 404
      runInAction('applyDemoUsersUnavailable', () => {
        this.demoUsers = []
        this.demoUsersStatus = off ? 'loaded' : 'failed'
      })
    }
  }

  /** A page asks for a sign-in and wants the user back afterwards (null: stay on 我的). */
  askToSignIn(returnPath: string | null): void {
    this.returnPath = returnPath
  }

  /** The page to go back to, once signed in, and only once; null if there is none or nobody is
   *  signed in yet. */
  takeReturnPath(): string | null {
    if (!this.isSignedIn) return null
    const path = this.returnPath
    this.returnPath = null
    return path
  }

  /** The user left 我的 without signing in: a later sign-in stays there. */
  forgetReturnPath(): void {
    this.returnPath = null
  }

  signInAsDemoUser(userId: string): Promise<void> {
    return this.signIn(() => api.devLogin(userId))
  }

  signInWithWeChat(): Promise<void> {
    return this.signIn(async () => api.wechatLogin(await this.deps.wechatCode()))
  }

  async signOut(): Promise<void> {
    try {
      await api.logout()
    } catch {
      // Offline or already expired: forgetting the token here is what matters to the buyer.
    }
    this.clear()
  }

  /** Forgets the sign-in, e.g. when the server answers 401 to our token. */
  clear(): void {
    this.token = null
    this.user = null
    setBearerToken(null)
    this.deps.storage.remove(TOKEN_KEY)
    this.deps.storage.remove(USER_KEY)
  }

  private async signIn(exchange: () => Promise<{ token: string; user: User }>): Promise<void> {
    if (this.signingIn) return
    this.signingIn = true
    this.signInError = null
    try {
      const { token, user } = await exchange()
      runInAction('applySignIn', () => {
        this.applySignIn(token, user)
        this.deps.storage.set(TOKEN_KEY, token)
        this.deps.storage.set(USER_KEY, JSON.stringify(user))
        this.signingIn = false
      })
    } catch (error) {
      runInAction('applySignInFailure', () => {
        this.signInError = toApiError(error)
        this.signingIn = false
      })
    }
  }

  private applySignIn(token: string, user: User | null): void {
    this.token = token
    this.user = user
    setBearerToken(token)
  }
}
