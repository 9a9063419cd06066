import type { WeChatConfig } from '../config'

/* WeChat mini-program sign-in: the app's wx.login() code is exchanged on the server through
   auth.code2Session (GET /sns/jscode2session). The answer holds the user's openid and the
   session_key, which signs the user's encrypted data; WeChat's rule is that it never leaves
   our server, so nothing here logs it or returns it past the auth service. */

export interface WeChatSession {
  openid: string
  unionid?: string
  sessionKey: string
}

export type WeChatLoginFailure = 'invalid_code' | 'rate_limited' | 'blocked' | 'unavailable' | 'misconfigured'

export class WeChatLoginError extends Error {
  constructor(
    readonly failure: WeChatLoginFailure,
    /** WeChat's errcode when it sent one; its errmsg is kept out of our messages and logs. */
    readonly errcode?: number,
  ) {
    super(`code2Session failed: ${failure}${errcode === undefined ? '' : ` (errcode ${errcode})`}`)
  }
}

/** WeChat's documented errcodes for code2Session, by what they mean for us. */
const failureByErrcode: Record<number, WeChatLoginFailure> = {
  40029: 'invalid_code', // code invalid or for another app id
  40163: 'invalid_code', // code already used
  45011: 'rate_limited', // 100 calls per user per minute
  40226: 'blocked', // high-risk user, login intercepted by WeChat
  [-1]: 'unavailable', // system busy, try later
  40013: 'misconfigured', // invalid appid
  40125: 'misconfigured', // invalid appsecret
}

export interface WeChatLogin {
  code2Session(code: string): Promise<WeChatSession>
}

export function createWeChatLogin(config: WeChatConfig, fetchImpl: typeof fetch = fetch): WeChatLogin {
  return {
    async code2Session(code) {
      if (!config.appId || !config.appSecret) throw new WeChatLoginError('misconfigured')
      const url = new URL('/sns/jscode2session', config.apiBase)
      url.searchParams.set('appid', config.appId)
      url.searchParams.set('secret', config.appSecret)
      url.searchParams.set('js_code', code)
      url.searchParams.set('grant_type', 'authorization_code')

      let body: Record<string, unknown>
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(config.timeoutMs) })
        // WeChat answers JSON, often labelled text/plain: read the text and parse it ourselves.
        body = JSON.parse(await response.text())
        if (!response.ok && typeof body.errcode !== 'number') throw new Error(`HTTP ${response.status}`)
      } catch {
        throw new WeChatLoginError('unavailable')
      }

      const errcode = typeof body.errcode === 'number' ? body.errcode : 0
      if (errcode !== 0) throw new WeChatLoginError(failureByErrcode[errcode] ?? 'unavailable', errcode)
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
        throw new WeChatLoginError('unavailable')
      }
      return {
        openid: body.openid,
        sessionKey: body.session_key,
        ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}),
      }
    },
  }
}
