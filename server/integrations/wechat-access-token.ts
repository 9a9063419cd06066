import type { WeChatConfig } from '../config'

/* The server's access token for WeChat's server APIs (client_credential), one per process: kept
   until five minutes before it expires, and fetched again when WeChat says it is no longer good
   (another process of ours may have fetched a newer one, which ends ours). Every server API of
   WeChat answers JSON with `errcode` 0 on success. */

/** The token is stale or was replaced: fetch a new one and try once more. */
export const TOKEN_INVALID = new Set([40001, 42001, 40014])

export interface WeChatServerApi {
  /** POSTs JSON to a WeChat server API with the access token; refreshes the token once if WeChat refuses it. */
  post(path: string, payload: unknown): Promise<Record<string, any>>
}

export function createWeChatServerApi(config: WeChatConfig, now: () => Date = () => new Date()): WeChatServerApi {
  let token: { value: string; until: number } | null = null

  async function getJson(url: URL, init?: RequestInit): Promise<Record<string, any>> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) })
    return JSON.parse(await response.text())
  }

  async function accessToken(refresh: boolean): Promise<string> {
    if (!refresh && token && token.until > now().getTime()) return token.value
    const url = new URL('/cgi-bin/token', config.apiBase)
    url.searchParams.set('grant_type', 'client_credential')
    url.searchParams.set('appid', config.appId)
    url.searchParams.set('secret', config.appSecret)
    const body = await getJson(url)
    if (typeof body.access_token !== 'string') throw new Error(`no access token (errcode ${body.errcode})`)
    token = { value: body.access_token, until: now().getTime() + (Number(body.expires_in ?? 7200) - 300) * 1000 }
    return token.value
  }

  async function post(path: string, payload: unknown, refresh = false): Promise<Record<string, any>> {
    const url = new URL(path, config.apiBase)
    url.searchParams.set('access_token', await accessToken(refresh))
    const body = await getJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
    if (TOKEN_INVALID.has(Number(body.errcode ?? 0)) && !refresh) return post(path, payload, true)
    return body
  }

  return { post: (path, payload) => post(path, payload) }
}
