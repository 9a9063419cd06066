import { strings } from './strings'
import { colors } from './theme/tokens'

/* The buyer's tabs live in the main package, because WeChat requires tabBar pages there. On
   weapp the listing page is a subpackage of its own, fetched ahead (preloadRule) from the home,
   catalog and cart tabs, so a buyer who taps a card does not wait for it, and the main package
   every visitor downloads stays within issue 16's bar; a buyer who opens a shared listing fetches
   it with the main package (its old path is redirected: app.ts). H5 keeps it among the pages.

   Farmer, operator (村小二) and county staff (县小二) pages go in SUBPACKAGES, one per role,
   so a buyer never downloads them and each stays under WeChat's 2 MB per package (on H5 every
   page is a lazy chunk, so they stay out of the first load there too). src/routes.ts names
   them for links. tests/weapp/package-size.test.ts checks that no such page slips into the
   main package. */
const weapp = process.env.TARO_ENV === 'weapp'

export default defineAppConfig({
  /* WeChat holds every privacy API (chooseMedia, scanCode, saveFile…) until the user agrees to the
     privacy guide on our sheet (src/stores/privacy-gate.ts, components/privacy-sheet). */
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
  pages: weapp ? ['pages/home/index', 'pages/catalog/index', 'pages/cart/index', 'pages/me/index'] : ['pages/home/index', 'pages/catalog/index', 'pages/listing/index', 'pages/cart/index', 'pages/me/index'],
  subPackages: [
    ...(weapp ? [{ root: 'packages/listing', pages: ['pages/listing/index'] }] : []),
    // The buyer's checkout and orders: a buyer fetches them on the first 去结算, and the QR encoder
    // and the order pages stay out of the main package every visitor downloads.
    { root: 'packages/buyer', pages: ['pages/checkout/index', 'pages/orders/index', 'pages/order/index'] },
    { root: 'packages/farmer', pages: ['pages/sell/index', 'pages/listings/index', 'pages/history/index', 'pages/sales/index', 'pages/income/index'] },
    {
      root: 'packages/operator',
      pages: ['pages/review/index', 'pages/farmers/index', 'pages/list-for-farmer/index', 'pages/history/index', 'pages/parcels/index', 'pages/commissions/index', 'pages/farmer-sales/index', 'pages/income/index', 'pages/farmer-income/index'],
    },
    // The county center's collection run and pickup desk, with WeChat's scanner.
    {
      root: 'packages/county',
      pages: [
        'pages/manifest/index',
        'pages/pickups/index',
        'pages/verify/index',
        'pages/report/index',
        'pages/cases/index',
        'pages/reconciliation/index',
        // The county's money: payout runs, and shipping information WeChat refused.
        'pages/payouts/index',
        'pages/shipping/index',
      ],
    },
    // Every role's own account: 注销账号 and 导出我的数据, opened from 我的, rarely.
    { root: 'packages/account', pages: ['pages/delete/index'] },
  ],
  // Fetch the checkout while the buyer looks at the cart, so 去结算 opens without a wait on 3G.
  preloadRule: {
    ...(weapp ? { 'pages/home/index': { network: 'all', packages: ['packages/listing'] }, 'pages/catalog/index': { network: 'all', packages: ['packages/listing'] } } : {}),
    'pages/cart/index': { network: 'all', packages: weapp ? ['packages/buyer', 'packages/listing'] : ['packages/buyer'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: colors.earthSoft,
    navigationBarBackgroundColor: colors.primary,
    navigationBarTitleText: strings.appName,
    navigationBarTextStyle: 'white',
  },
  // Text-only tabs: WeChat allows them, and they cost no image bytes in the main package.
  // On H5 the pages draw their own (components/tab-bar): Taro's H5 tab bar is too small to read.
  tabBar: {
    custom: process.env.TARO_ENV === 'h5',
    color: colors.textSecondary,
    selectedColor: colors.primary,
    backgroundColor: colors.surface,
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: strings.tabs.home },
      { pagePath: 'pages/catalog/index', text: strings.tabs.catalog },
      { pagePath: 'pages/cart/index', text: strings.tabs.cart },
      { pagePath: 'pages/me/index', text: strings.tabs.me },
    ],
  },
})
