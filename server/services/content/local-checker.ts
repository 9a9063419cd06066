import { randomBytes } from 'node:crypto'
import type { ContentChecker } from '../../integrations/wechat-content-security'

/* The checker of a server without WeChat's content security (the demo, the tests): the same
   interface, so the whole flow (a refusal next to the field, flags, photo verdicts) can be seen
   and tested. Text holding a word of the block-list is risky; everything else passes, and a
   photo's verdict (pass) comes at once. It checks nothing a reviewer would call a check: a
   server facing the public must be given WeChat's (see the README's Content security). */
export function createLocalContentChecker(blocklist: readonly string[]): ContentChecker {
  const words = blocklist.map((word) => word.trim().toLowerCase()).filter(Boolean)
  return {
    name: 'local',
    async checkText({ content }) {
      const text = content.toLowerCase()
      // 20001 is WeChat's label for politically sensitive content; any non-100 label says "not fine".
      return words.some((word) => text.includes(word)) ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 }
    },
    async submitPhoto() {
      return { ok: true, traceId: `local_${randomBytes(8).toString('hex')}`, verdict: { suggest: 'pass', label: 100 } }
    },
  }
}
