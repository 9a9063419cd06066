import axe from 'axe-core'
import type { Page } from 'playwright-core'

/* axe-core run inside the page as the H5 tests see it. Only the package's source is injected:
   @axe-core/playwright wants the full playwright package, we drive Debian's Chromium with
   playwright-core. */

export interface AxeFinding {
  page: string
  rule: string
  impact: string
  help: string
  targets: string[]
}

/** What a user must not meet: a violation of these impacts fails the test. */
export const BLOCKING_IMPACTS = ['serious', 'critical']

/** axe's violations on the page as it is now, named after `pageName`. */
export async function runAxe(page: Page, pageName: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source })
  const violations = await page.evaluate(async () => {
    const found = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] })
    return found.violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
  })
  return violations.map((v) => ({ page: pageName, ...v }))
}

/** One line per finding, with the elements it names (the first few). */
export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map((f) => {
      const shown = f.targets.slice(0, 4).join(', ') + (f.targets.length > 4 ? ` … (${f.targets.length} in all)` : '')
      return `${f.page}: [${f.impact}] ${f.rule}: ${f.help}\n    ${shown}`
    })
    .join('\n')
}
