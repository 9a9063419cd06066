/* On H5 no page has moved: the listing keeps its address (app.config.ts). The mini-program's
   version is moved-pages.weapp.ts, which Taro picks by its suffix. */
export function followMovedPages(): void {}
