import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from './session-store'

/** What the phone's owner chose on 我的: nothing yet (follow the phone), or a mode. */
export type TextSizeChoice = 'phone' | 'standard' | 'large'

export interface TextSizeDeps {
  storage: KeyValueStorage
  /** The phone's font scale (1 standard, ~1.4 in WeChat's 关怀模式); null when it cannot say,
   *  as on H5, or when reading it failed. */
  phoneFontScale(): number | null
}

// Kept per phone, not per user: the person holding the phone is the one who reads it, whoever
// signs in (a farmer's grandson signs her in and hands the phone back).
const CHOICE_KEY = 'xiangji.text-size'

/* A phone set to large type (WeChat 关怀模式, or the system's font scale) should open in 大字模式
   without its owner finding a switch first. 1.15 leaves out the small steps some phones ship as
   their default, which the standard scale still reads well at. */
export const PHONE_SCALE_FOR_LARGE_TEXT = 1.15

/* 大字模式: whether pages use the large-text scale of the design tokens (src/theme/text-size.ts
   puts it on the page root). By default it follows the phone's font setting; the switch on 我的
   overrides that, and the choice stays on the phone. */
export class TextSizeStore {
  choice: TextSizeChoice = 'phone'
  phoneScale: number | null = null

  constructor(private readonly deps: TextSizeDeps) {
    makeAutoObservable<this, 'deps'>(this, { deps: false }, { autoBind: true })
    this.choice = readChoice(deps.storage.get(CHOICE_KEY))
    this.readPhoneScale()
  }

  get large(): boolean {
    if (this.choice !== 'phone') return this.choice === 'large'
    return this.phoneScale !== null && this.phoneScale >= PHONE_SCALE_FOR_LARGE_TEXT
  }

  /** The switch on 我的: an explicit choice, kept until changed again. */
  setLarge(on: boolean): void {
    this.choice = on ? 'large' : 'standard'
    this.deps.storage.set(CHOICE_KEY, this.choice)
  }

  /** Read again when the app comes back to the front: the owner may have changed WeChat's font
   *  size meanwhile, and an unchosen mode should follow it. */
  readPhoneScale(): void {
    let scale: number | null
    try {
      scale = this.deps.phoneFontScale()
    } catch {
      scale = null
    }
    this.phoneScale = typeof scale === 'number' && Number.isFinite(scale) && scale > 0 ? scale : null
  }
}

function readChoice(saved: string | null): TextSizeChoice {
  return saved === 'large' || saved === 'standard' ? saved : 'phone'
}
