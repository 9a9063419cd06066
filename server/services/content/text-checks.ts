import { type CheckedTextField, TEXT_CHECK_SCENE, type TextCheck, worseTextCheck } from '../../../src/domain/content-check'
import type { ContentChecker } from '../../integrations/wechat-content-security'
import type { UserTable } from '../../db/schema'
import { ServiceError } from '../service-error'

/* Text a person writes for others to read is checked with WeChat (msgSecCheck v2) before it is
   saved, as its author: the farmer for her listing, the cun xiao'er for a proxy listing, a reject
   reason or a farmer's name. Risky text is refused (422 CONTENT_RISKY naming the fields, so the
   app shows it beside them) and nothing is written. Text WeChat wants a person to look at
   (review), or could not check (busy past our backoff: a farmer on 3G is not turned away for
   WeChat's load), is saved and flagged for the cun xiao'er. */

export interface TextFlag {
  field: CheckedTextField
  check: Exclude<TextCheck, 'pass'>
}

export interface TextCheckOutcome {
  /** The worst of the fields: what the listing or farmer keeps. */
  check: TextCheck
  flags: TextFlag[]
}

export interface TextLog {
  warn(obj: unknown, msg: string): void
}

export function createTextChecks(checker: ContentChecker, log: TextLog) {
  /** Checks each field (empty ones need no check); refuses risky ones, all named at once. */
  async function check(author: Pick<UserTable, 'id' | 'wechatOpenid'>, fields: Partial<Record<CheckedTextField, string>>): Promise<TextCheckOutcome> {
    const risky: CheckedTextField[] = []
    const labels: Partial<Record<CheckedTextField, number | null>> = {}
    const flags: TextFlag[] = []
    for (const [field, text] of Object.entries(fields) as [CheckedTextField, string | undefined][]) {
      if (!text || !text.trim()) continue
      const verdict = await checker.checkText({ content: text, scene: TEXT_CHECK_SCENE[field], openid: author.wechatOpenid })
      if (verdict.suggest === 'risky') {
        risky.push(field)
        labels[field] = verdict.label
      } else if (verdict.suggest === 'unchecked') {
        log.warn({ field, authorId: author.id, reason: verdict.reason }, 'text saved unchecked: WeChat could not check it')
        flags.push({ field, check: 'unchecked' })
      } else if (verdict.suggest === 'review') {
        flags.push({ field, check: 'review' })
      }
    }
    if (risky.length > 0) throw new ServiceError('CONTENT_RISKY', `WeChat's content check refused: ${risky.join(', ')}`, { fields: risky, labels })
    return { check: flags.reduce<TextCheck>((worst, flag) => worseTextCheck(worst, flag.check), 'pass'), flags }
  }

  return { check }
}

export type TextChecks = ReturnType<typeof createTextChecks>

/** 'title:review,description:unchecked', as a listing keeps its flags. */
export const flagsText = (flags: readonly TextFlag[]): string => flags.map((flag) => `${flag.field}:${flag.check}`).join(',')

export function parseFlags(text: string): TextFlag[] {
  return text
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [field, check] = entry.split(':')
      return { field: field as CheckedTextField, check: check as TextFlag['check'] }
    })
}

/** A listing's flags after an edit: the fields checked now replace what was known of them. */
export function mergeFlags(before: readonly TextFlag[], checkedFields: readonly CheckedTextField[], now: readonly TextFlag[]): { check: TextCheck; flags: TextFlag[] } {
  const flags = [...before.filter((flag) => !checkedFields.includes(flag.field)), ...now]
  return { check: flags.reduce<TextCheck>((worst, flag) => worseTextCheck(worst, flag.check), 'pass'), flags }
}
