import { largeText } from './tokens'

/* How 大字模式 reaches every page: as CSS custom properties on the page's root, which the scss
   tokens read (`$font-size-body: var(--xj-font-size-body, 32px)`). One mechanism for both
   targets, because neither can give every page a class without touching each page:
   - H5: the properties are set on <html> (src/app.ts), which every page inherits from.
   - weapp: `page` has no class or style a script can set; page-meta's `page-style` is the
     documented way (base library ≥ 2.9.0), written by <TextSizeMeta> where a page renders it.
   Custom properties inherit, so the root is enough; the standard scale is the fallback and
   needs nothing set. These px are CSS px: pxtransform rewrites stylesheets, never a script's
   strings. */
export const largeTextProperties: Readonly<Record<string, string>> = {
  '--xj-font-size-caption': `${largeText.fontSizeCaption}px`,
  '--xj-font-size-body': `${largeText.fontSizeBody}px`,
  '--xj-font-size-title': `${largeText.fontSizeTitle}px`,
  '--xj-font-size-heading': `${largeText.fontSizeHeading}px`,
  '--xj-font-size-display': `${largeText.fontSizeDisplay}px`,
  '--xj-line-height-body': String(largeText.lineHeightBody),
  '--xj-touch-target': `${largeText.touchTarget}px`,
  '--xj-listing-card-height': `${largeText.listingCardHeight}px`,
  '--xj-listing-card-gap': `${largeText.listingCardGap}px`,
  '--xj-listing-photo': `${largeText.listingPhoto}px`,
  '--xj-listing-origin-wrap': 'normal',
}

/** The properties as one `style` text, for page-meta's page-style ('' in the standard mode). */
export function textSizeStyle(large: boolean): string {
  if (!large) return ''
  return Object.entries(largeTextProperties)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ')
}
