/* A browser has no font setting to follow: it zooms the whole page (phone-font-scale.ts is the
   mini-program's). */
export function phoneFontScale(): number | null {
  return null
}
