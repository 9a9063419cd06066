/* The colours native configuration needs (tab bar, navigation bar), which cannot read scss.
   Keep in step with tokens.scss. */
export const colors = {
  primary: '#2b7330',
  earthSoft: '#f5efe6',
  text: '#212121',
  textSecondary: '#5d5d5d',
  surface: '#ffffff',
} as const
