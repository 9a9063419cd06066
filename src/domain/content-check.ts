/**
 * WeChat's content security (内容安全): a mini-program that publishes what its users write and
 * photograph must have it checked (msgSecCheck v2 for text, mediaCheckAsync v2 for images) and
 * must not show what WeChat finds risky, or it fails WeChat's review and China's rules for
 * online content. These are our rules around WeChat's verdicts; the calls are on the server.
 */
import type { Refusal } from './state-machine'

/** WeChat's own suggestions (`result.suggest`). */
export const WECHAT_SUGGESTIONS = ['pass', 'review', 'risky'] as const
export type WeChatSuggestion = (typeof WECHAT_SUGGESTIONS)[number]

/** What we keep about a text: WeChat's suggestion, or `unchecked` when WeChat could not be asked
 *  (busy past our backoff, the author unknown to it). `risky` text is never saved. */
export const TEXT_CHECKS = ['pass', 'review', 'unchecked'] as const
export type TextCheck = (typeof TEXT_CHECKS)[number]

/** A photo's check: `pending` until WeChat's verdict arrives on the message push; `unchecked` once
 *  it never came after every try (the operator looks at the photo himself). */
export const PHOTO_CHECKS = ['pending', 'pass', 'review', 'risky', 'unchecked'] as const
export type PhotoCheck = (typeof PHOTO_CHECKS)[number]

/** The fields of ours that hold text a person wrote and others read. */
export const CHECKED_TEXT_FIELDS = ['title', 'description', 'reason', 'name'] as const
export type CheckedTextField = (typeof CHECKED_TEXT_FIELDS)[number]

/** msgSecCheck's scenes (1 资料 profile, 2 评论 comment, 3 论坛 forum, 4 社交日志): a listing is
 *  a post others read, a reject reason a comment on it, a name a profile. */
export const TEXT_CHECK_SCENE: Record<CheckedTextField, 1 | 2 | 3 | 4> = { title: 3, description: 3, reason: 2, name: 1 }

/** mediaCheckAsync's scene for listing photos (a forum post). */
export const PHOTO_CHECK_SCENE = 3

/** WeChat answers a photo's check "within about 30 minutes" (mediaCheckAsync); we wait that long
 *  before asking again, and ask this many times before telling the operator it went unchecked. */
export const PHOTO_VERDICT_WAIT_MINUTES = 30
export const PHOTO_CHECK_TRIES = 3

/** msgSecCheck takes at most 2,500 characters; longer text is checked in pieces. */
export const TEXT_CHECK_MAX_CHARS = 2500

/** The worse of two text checks, for a listing whose fields were checked one by one. */
export function worseTextCheck(a: TextCheck, b: TextCheck): TextCheck {
  const rank: Record<TextCheck, number> = { pass: 0, unchecked: 1, review: 2 }
  return rank[a] >= rank[b] ? a : b
}

/** A verdict is final once WeChat said pass, review or risky; a later push of the same verdict
 *  (WeChat retries) or a late one after we gave up changes nothing, except that a risky verdict
 *  always counts, late or not: a photo found risky is never shown. */
export function photoCheckAfterVerdict(current: PhotoCheck, verdict: WeChatSuggestion): PhotoCheck {
  if (verdict === 'risky') return 'risky'
  if (current === 'pending' || current === 'unchecked') return verdict
  return current
}

export type ApprovalRefusal = Refusal<'content.photo_risky'>

/**
 * May a listing be approved with these photo checks? Not with a photo WeChat found risky. A photo
 * whose verdict has not come yet does not hold the listing up: the farmer would wait up to half an
 * hour for nothing, and a risky verdict arriving later hides the listing at once anyway.
 */
export function approvalByPhotoChecks(checks: readonly PhotoCheck[]): { ok: true } | ApprovalRefusal {
  if (checks.includes('risky')) return { ok: false, reason: 'content.photo_risky', message: 'a photo of this listing was found risky by WeChat; replace it first' }
  return { ok: true }
}

/** Splits text into pieces msgSecCheck accepts, without cutting a character in two. */
export function textCheckPieces(text: string, max = TEXT_CHECK_MAX_CHARS): string[] {
  const chars = [...text]
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += max) pieces.push(chars.slice(i, i + max).join(''))
  return pieces
}
