import Taro from '@tarojs/taro'

/* WeChat's font setting: fontSizeScaleFactor (1 standard; larger in 关怀模式 or with a larger
   font in WeChat's settings), else fontSizeSetting against iOS's standard 17 px. Both are
   wx.getAppBaseInfo's (base library 2.20.1); Taro 4's types do not list them yet. H5 has no such
   setting (phone-font-scale.h5.ts: a browser zooms the whole page instead), and Taro's H5
   getAppBaseInfo would bring a user-agent parser into the first load. */
const STANDARD_FONT_SIZE_SETTING = 17

export function phoneFontScale(): number | null {
  if (typeof Taro.getAppBaseInfo !== 'function') return null
  const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: unknown; fontSizeSetting?: unknown }
  if (typeof info.fontSizeScaleFactor === 'number') return info.fontSizeScaleFactor
  if (typeof info.fontSizeSetting === 'number') return info.fontSizeSetting / STANDARD_FONT_SIZE_SETTING
  return null
}
