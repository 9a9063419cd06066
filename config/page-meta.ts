import type { IPluginContext } from '@tarojs/service'

/* Taro writes a page's <page-meta> into its template only when the page's config says
   `enablePageMeta: true`. Every page shows 大字模式 (src/components/text-size-meta), so rather
   than repeat it in 30 index.config.ts files, this turns it on for every page at build time.
   The app's config (the one with `pages`) and components' (`component: true`) are left alone;
   Taro drops the key from the JSON it writes. */
export default (ctx: IPluginContext) => {
  ctx.modifyMiniConfigs(({ configMap }: { configMap: Record<string, { content?: Record<string, unknown> }> }) => {
    for (const config of Object.values(configMap)) {
      const content = config.content
      if (content && !content.pages && !content.component) content.enablePageMeta = true
    }
  })
}
