import type { WeChatSuggestion } from '../../src/domain/content-check'
import { textCheckPieces } from '../../src/domain/content-check'
import type { WeChatServerApi } from './wechat-access-token'

/* WeChat's content security API (内容安全), version 2, with the server's shared access token:
   - msgSecCheck: POST /wxa/msg_sec_check {version: 2, scene, openid, content} → result.suggest
     (pass | review | risky) and result.label. 4,000 calls a minute; errcode 45009 past it.
   - mediaCheckAsync: POST /wxa/media_check_async {media_url, media_type: 2 (image), version: 2,
     scene, openid} → trace_id; the verdict comes later on the message push (wxa_media_check).
     A wrong media_type makes every check pass, so it is fixed here.
   The openid must be a user who opened the mini-program within two hours: the author's. */

/** What a text check found; `unchecked` when WeChat could not tell us (busy past our backoff, the
 *  author unknown to it), with the reason for the log. */
export type TextVerdict = { suggest: WeChatSuggestion; label: number | null } | { suggest: 'unchecked'; reason: string }

export type PhotoSubmission = { ok: true; traceId: string; verdict?: { suggest: WeChatSuggestion; label: number | null } } | { ok: false; reason: string }

/** The same interface for WeChat and for the local checker of the demo and the tests. */
export interface ContentChecker {
  readonly name: 'wechat' | 'local'
  checkText(input: { content: string; scene: 1 | 2 | 3 | 4; openid: string | null }): Promise<TextVerdict>
  /** Asks for a photo's check; the local checker answers at once (`verdict`), WeChat later. */
  submitPhoto(input: { mediaUrl: string; scene: number; openid: string | null }): Promise<PhotoSubmission>
}

/** WeChat is busy (-1) or we are past the minute's quota (45009): worth waiting and asking again. */
export const BUSY_ERRCODES = new Set([-1, 45009])

export interface BackoffPolicy {
  /** Waits before the 2nd, 3rd … try; their sum must stay inside a request's budget. */
  delaysMs: number[]
  sleep(ms: number): Promise<void>
}

/** Three more tries over 1.75 s: a farmer on 3G waits a little, never long. */
export const DEFAULT_BACKOFF: BackoffPolicy = { delaysMs: [250, 500, 1000], sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }

/** Calls a WeChat API, trying again after each delay while WeChat says it is busy or over quota. */
async function withBackoff(backoff: BackoffPolicy, call: () => Promise<Record<string, any>>): Promise<Record<string, any>> {
  let body = await call()
  for (const delay of backoff.delaysMs) {
    if (!BUSY_ERRCODES.has(Number(body.errcode ?? 0))) return body
    await backoff.sleep(delay)
    body = await call()
  }
  return body
}

const suggestionOf = (value: unknown): WeChatSuggestion | null => (value === 'pass' || value === 'review' || value === 'risky' ? value : null)

const RANK: Record<WeChatSuggestion, number> = { pass: 0, review: 1, risky: 2 }

export function createWeChatContentChecker(api: WeChatServerApi, backoff: BackoffPolicy = DEFAULT_BACKOFF): ContentChecker {
  async function checkPiece(content: string, scene: number, openid: string): Promise<TextVerdict> {
    const body = await withBackoff(backoff, () => api.post('/wxa/msg_sec_check', { version: 2, scene, openid, content }))
    const errcode = Number(body.errcode ?? 0)
    const suggest = suggestionOf(body.result?.suggest)
    if (errcode !== 0 || !suggest) return { suggest: 'unchecked', reason: `errcode ${errcode}: ${body.errmsg ?? 'no verdict'}` }
    return { suggest, label: Number.isInteger(body.result?.label) ? body.result.label : null }
  }

  return {
    name: 'wechat',
    async checkText({ content, scene, openid }) {
      if (!openid) return { suggest: 'unchecked', reason: 'the author has no WeChat openid' }
      let worst: { suggest: WeChatSuggestion; label: number | null } = { suggest: 'pass', label: null }
      try {
        for (const piece of textCheckPieces(content)) {
          const verdict = await checkPiece(piece, scene, openid)
          if (verdict.suggest === 'unchecked') return verdict
          if (RANK[verdict.suggest] > RANK[worst.suggest]) worst = verdict
          if (verdict.suggest === 'risky') break
        }
      } catch (error) {
        return { suggest: 'unchecked', reason: (error as Error).message }
      }
      return worst
    },
    async submitPhoto({ mediaUrl, scene, openid }) {
      if (!openid) return { ok: false, reason: 'the author has no WeChat openid' }
      try {
        const body = await withBackoff(backoff, () => api.post('/wxa/media_check_async', { media_url: mediaUrl, media_type: 2, version: 2, scene, openid }))
        const errcode = Number(body.errcode ?? 0)
        if (errcode !== 0 || typeof body.trace_id !== 'string') return { ok: false, reason: `errcode ${errcode}: ${body.errmsg ?? 'no trace_id'}` }
        return { ok: true, traceId: body.trace_id }
      } catch (error) {
        return { ok: false, reason: (error as Error).message }
      }
    },
  }
}
