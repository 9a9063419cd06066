import fs from 'node:fs'
import path from 'node:path'

/* WeChat's review: no privacy API may run before the user has agreed to the privacy guide. In the
   app every such call goes through withPrivacy (src/stores/privacy-gate.ts); this reads the
   sources so a new call that skips it fails here rather than in WeChat's review. */

const SRC = path.resolve(__dirname, '..', '..', 'src')

// WeChat's privacy APIs that a mini-program like ours could reach for, called on Taro, wx or the
// file system manager (a store's own `deps.scanCode()` is the injected gate, not WeChat's API).
const PRIVACY_API = /\b(?:Taro|wx|fs|getFileSystemManager\(\))\.(?:chooseMedia|chooseImage|chooseVideo|scanCode|saveFile|saveImageToPhotosAlbum|setClipboardData|getClipboardData|getLocation|chooseLocation|chooseAddress|getWeRunData|startRecord|getRecorderManager)\s*\(/g

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** Each privacy API call with the code around it, by file and line. */
function privacyCalls(): { where: string; guarded: boolean }[] {
  return sources(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8')
    return [...text.matchAll(PRIVACY_API)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length
      // Guarded: the call is the callback of a withPrivacy('<purpose>', …) just above it.
      const before = text.slice(Math.max(0, match.index! - 250), match.index)
      return { where: `${path.relative(SRC, file)}:${line}`, guarded: /withPrivacy\('\w+',/.test(before) }
    })
  })
}

describe('privacy APIs', () => {
  it('are called only through withPrivacy', () => {
    const calls = privacyCalls()
    // The app does pick photos, scan and save: the check looks at something.
    expect(calls.length).toBeGreaterThanOrEqual(3)
    expect(calls.filter((call) => !call.guarded).map((call) => call.where)).toEqual([])
  })
})
