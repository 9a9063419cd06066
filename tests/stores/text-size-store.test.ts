import type { KeyValueStorage } from '../../src/stores/session-store'
import { TextSizeStore } from '../../src/stores/text-size-store'
import { largeTextProperties, textSizeStyle } from '../../src/theme/text-size'

/* 大字模式: follows the phone's font setting until its owner chooses on 我的; the choice stays on
   the phone; a phone that cannot say (H5, a failed read) gets the standard scale. */

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  get = (key: string) => this.data.get(key) ?? null
  set = (key: string, value: string) => void this.data.set(key, value)
  remove = (key: string) => void this.data.delete(key)
}

function store(scale: () => number | null, storage = new MemoryStorage()) {
  return new TextSizeStore({ storage, phoneFontScale: scale })
}

describe('TextSizeStore', () => {
  it('is standard by default, where the phone says nothing (H5)', () => {
    const textSize = store(() => null)
    expect(textSize.choice).toBe('phone')
    expect(textSize.large).toBe(false)
  })

  it("follows the phone's font scale until a choice is made", () => {
    expect(store(() => 1).large).toBe(false)
    expect(store(() => 1.1).large).toBe(false)
    // WeChat's 关怀模式 reads ~1.4.
    expect(store(() => 1.4).large).toBe(true)
  })

  it('reads the scale again when the app comes back, if nothing was chosen', () => {
    let scale = 1
    const textSize = store(() => scale)
    expect(textSize.large).toBe(false)
    scale = 1.4
    textSize.readPhoneScale()
    expect(textSize.large).toBe(true)
  })

  it('keeps the switch on the phone, over the phone setting, across restarts', () => {
    const storage = new MemoryStorage()
    const first = store(() => 1.4, storage)
    first.setLarge(false)
    expect(first.large).toBe(false)
    expect(store(() => 1.4, storage).large).toBe(false)

    store(() => 1, storage).setLarge(true)
    const restarted = store(() => 1, storage)
    expect(restarted.choice).toBe('large')
    expect(restarted.large).toBe(true)
  })

  it('falls back to the standard scale when reading the setting fails or makes no sense', () => {
    expect(
      store(() => {
        throw new Error('getAppBaseInfo:fail')
      }).large,
    ).toBe(false)
    expect(store(() => Number.NaN).large).toBe(false)
    expect(store(() => -2).large).toBe(false)
  })

  it('ignores a saved value it does not know', () => {
    const storage = new MemoryStorage()
    storage.set('xiangji.text-size', 'huge')
    expect(store(() => null, storage).choice).toBe('phone')
  })
})

describe('the large-text scale', () => {
  const px = (name: string) => Number.parseFloat(largeTextProperties[name] ?? 'NaN')

  it('meets the age-friendly minimums: body ≥ 20 px, figures larger, targets ≥ 60 px, line height ≥ 1.3', () => {
    expect(px('--xj-font-size-caption')).toBeGreaterThanOrEqual(20)
    expect(px('--xj-font-size-body')).toBeGreaterThanOrEqual(20)
    expect(px('--xj-font-size-display')).toBeGreaterThan(px('--xj-font-size-body'))
    expect(px('--xj-touch-target')).toBeGreaterThanOrEqual(60)
    expect(px('--xj-line-height-body')).toBeGreaterThanOrEqual(1.3)
  })

  it("writes page-meta's page-style only in large mode", () => {
    expect(textSizeStyle(false)).toBe('')
    expect(textSizeStyle(true)).toContain('--xj-font-size-body: 22px')
  })
})
