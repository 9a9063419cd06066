/* The county staff's words (see zh-CN-county.ts), and how the pickup desk's problems read. */
import type { DeskProblem } from '../api/problems'
import { describeError } from './format'
import { type CountyStrings, zhCNCounty } from './zh-CN-county'

export const countyStrings: CountyStrings = zhCNCounty

/** The desk's problem as a sentence that says what to do next. */
export function describeDeskProblem(problem: DeskProblem, waitMinutes: number | null): string {
  const p = countyStrings.problems
  if (problem.kind === 'not-pickup-qr') return p.notPickupQr
  if (problem.kind === 'code-format') return p.codeFormat
  if (problem.error.code === 'RATE_LIMITED') {
    return problem.error.details?.scope === 'center' ? p.rateLimitedTyping(waitMinutes ?? 15) : p.rateLimited(waitMinutes ?? 15)
  }
  return countyStrings.errors[problem.error.code] ?? describeError(problem.error)
}
