import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import webpack from 'webpack'
import { BundleStatsPlugin } from './bundle-stats'
import devConfig from './dev'
import prodConfig from './prod'

/* One codebase, two targets. weapp and h5 write to their own folders, because they would
   otherwise overwrite each other in dist/ (project.config.json points DevTools at dist/weapp). */
const target = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'

/* The H5 app is served by the API server itself, so it calls its own origin; the mini-program
   cannot have a relative URL and takes the server's address at build time. */
const apiBaseUrl = target === 'h5' ? '/api/v1' : process.env.XIANGJI_API_BASE || 'http://localhost:3000/api/v1'

/* The subscribe-message template the mini-program asks the buyer to accept at payment (the
   server's WECHAT_PICKUP_TEMPLATE_ID, the same id): empty means no message, so nothing is asked. */
const pickupTemplateId = process.env.XIANGJI_PICKUP_TEMPLATE_ID || ''
/* The farmer's "someone bought your goods" template (the server's WECHAT_SALE_TEMPLATE_ID), asked
   for when she submits a listing; empty: nothing is asked. */
const saleTemplateId = process.env.XIANGJI_SALE_TEMPLATE_ID || ''

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiangji',
    date: '2026-11-28',
    // 750 design px = the phone's width: 32px in scss becomes 32rpx, i.e. 16 CSS px on a 375 px phone.
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    /* How deep a view tree base.wxml's templates render; deeper nodes go through Taro's `comp`
       component, where a page's own styles do not apply. Each level costs the main package
       2.75 KB; Taro's default of 16 was 4 more than the deepest page (the catalog's cards in
       their virtual list) needs. The weapp tests fail on any page that renders deeper. */
    baseLevel: 9,
    outputRoot: `dist/${target}`,
    // Every page may carry a page-meta (大字模式 on weapp): config/page-meta.ts.
    plugins: [path.resolve(__dirname, 'page-meta.ts')],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl),
      PICKUP_TEMPLATE_ID: JSON.stringify(pickupTemplateId),
      SALE_TEMPLATE_ID: JSON.stringify(saleTemplateId),
    },
    // What a browser or crawler asks for by name gets a real file, not the app page (H5 only).
    copy: {
      patterns: target === 'h5' ? ['robots.txt', 'favicon.ico'].map((name) => ({ from: `src/${name}`, to: `dist/h5/${name}` })) : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        if (process.env.XIANGJI_BUNDLE_STATS) chain.plugin('bundle-stats').use(BundleStatsPlugin, [path.resolve(process.env.XIANGJI_BUNDLE_STATS)])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // The server answers unknown non-API paths with index.html, so clean URLs can be shared.
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only the initial chunks, so each lazily loaded page carried its own copy of
        // the H5 components (~65 KB gzipped each). Splitting the pages' chunks too shares one copy.
        // Below 8 KB a shared piece stays with the pages that use it: the home page fetched ten
        // scripts, four of them under 1 KB, each costing a request and its own compression.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 8000 })
        // Taro's component stylesheet inlines the weui icon font, which only <Icon> uses and this
        // app never does (tests/weapp/package-size.test.ts keeps it so): 4.5 KB gzipped of every
        // H5 first load. The font is swapped for an empty one.
        chain.plugin('no-weui-font').use(webpack.NormalModuleReplacementPlugin, [
          /^data:application\/octet-stream;base64,/,
          (resource: { request: string; contextInfo?: { issuer?: string } }) => {
            if (resource.contextInfo?.issuer?.endsWith('taro-components.css')) resource.request = 'data:font/ttf;base64,'
          },
        ])
        // What each script carries, for bench/bundle.ts (npm run bench:bundle).
        if (process.env.XIANGJI_BUNDLE_STATS) chain.plugin('bundle-stats').use(BundleStatsPlugin, [path.resolve(process.env.XIANGJI_BUNDLE_STATS)])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
