/* The colours native configuration needs (tab bar, navigation bar), which cannot read scss.
   Keep in step with tokens.scss. */
export const colors = {
  primary: '#2b7330',
  earthSoft: '#f5efe6',
  text: '#212121',
  textSecondary: '#5d5d5d',
  surface: '#ffffff',
  // A question whose yes cannot be undone (删除农户资料): its button in WeChat's own dialog.
  danger: '#b71c1c',
} as const

/* 大字模式 (large-text mode): the values tokens.scss's custom properties take when it is on, in CSS
   px. Fixed px rather than design px on purpose: design px shrink with the screen's width (rpx on
   weapp, Taro's width-based rem on H5), and an older reader on a 320 px phone needs the same 20 px
   as on a wide one. Sizes follow MIIT's age-friendly norms (适老化通用设计规范): body text ≥ 18 dp
   (we take 22, WeChat 关怀模式 is ~1.4× standard), main figures larger, line height ≥ 1.3, touch
   targets ≥ 60 × 60. The colours stay: every text colour already passes 4.5 : 1. */
export const largeText = {
  fontSizeCaption: 20,
  fontSizeBody: 22,
  fontSizeTitle: 24,
  fontSizeHeading: 28,
  fontSizeDisplay: 36,
  lineHeightBody: 1.45,
  touchTarget: 60,
  // The listing card, whose height the catalog's window list counts on: at 320 px, two lines of
  // title, the village and farmer on up to two lines, the price and the stock under it
  // (types.ts: LISTING_ROW_LARGE_PX).
  listingCardHeight: 216,
  listingCardGap: 12,
  listingPhoto: 88,
} as const
