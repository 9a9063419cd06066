import Taro from '@tarojs/taro'

/* Where the pages in subpackages live (app.config.ts): the buyer's checkout and orders, and
   the farmer's, the operator's and the county staff's pages, which a buyer never downloads. The Me page, the cart
   and the listing link here; the pages link to each other. */
export const routes = {
  cart: '/pages/cart/index',
  me: '/pages/me/index',
  checkout: '/packages/buyer/pages/checkout/index',
  orders: '/packages/buyer/pages/orders/index',
  order: '/packages/buyer/pages/order/index',
  sell: '/packages/farmer/pages/sell/index',
  myListings: '/packages/farmer/pages/listings/index',
  farmerHistory: '/packages/farmer/pages/history/index',
  mySales: '/packages/farmer/pages/sales/index',
  myIncome: '/packages/farmer/pages/income/index',
  review: '/packages/operator/pages/review/index',
  farmers: '/packages/operator/pages/farmers/index',
  listForFarmer: '/packages/operator/pages/list-for-farmer/index',
  operatorHistory: '/packages/operator/pages/history/index',
  villageParcels: '/packages/operator/pages/parcels/index',
  farmerSales: '/packages/operator/pages/farmer-sales/index',
  commissions: '/packages/operator/pages/commissions/index',
  operatorIncome: '/packages/operator/pages/income/index',
  farmerIncome: '/packages/operator/pages/farmer-income/index',
  manifest: '/packages/county/pages/manifest/index',
  pickups: '/packages/county/pages/pickups/index',
  verify: '/packages/county/pages/verify/index',
  subsidyReport: '/packages/county/pages/report/index',
  reconciliation: '/packages/county/pages/reconciliation/index',
  countyCases: '/packages/county/pages/cases/index',
  payoutRuns: '/packages/county/pages/payouts/index',
  shippingUploads: '/packages/county/pages/shipping/index',
  deleteAccount: '/packages/account/pages/delete/index',
} as const

export const withId = (path: string, key: string, id: string) => `${path}?${key}=${encodeURIComponent(id)}`


/** The checkout for these lines ('lst_a*2,lst_b*1' in the URL): a page reopened after the app
 *  was closed still knows what was being bought. */
export function checkoutUrl(lines: readonly { listingId: string; quantity: number }[]): string {
  return withId(routes.checkout, 'lines', lines.map((line) => `${line.listingId}*${line.quantity}`).join(','))
}

export function parseCheckoutLines(param: string | undefined): { listingId: string; quantity: number }[] {
  return decodeURIComponent(param ?? '')
    .split(',')
    .map((part) => part.split('*'))
    .filter(([listingId, quantity]) => /^[A-Za-z0-9_-]{1,64}$/.test(listingId ?? '') && /^[1-9][0-9]{0,3}$/.test(quantity ?? ''))
    .map(([listingId, quantity]) => ({ listingId, quantity: Number(quantity) }))
}

const bareRoute = (route: string | undefined) => (route ?? '').replace(/^\//, '').split('?')[0]

// The tab pages: only switchTab reaches them, and it carries no query.
const TAB_ROUTES: readonly string[] = ['/pages/home/index', '/pages/catalog/index', routes.cart, routes.me]
export const isTabRoute = (path: string) => TAB_ROUTES.includes(`/${bareRoute(path)}`)

/** Opens a page by its path with its query, whether a tab or not. */
export function openPath(path: string): void {
  if (isTabRoute(path)) void Taro.switchTab({ url: `/${bareRoute(path)}` })
  else void Taro.navigateTo({ url: path })
}

// A value Taro already decoded may hold a lone '%': kept as it is then.
const decoded = (value: string) => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The page on show, with its query (Taro's own keys left out), to come back to it later. */
export function currentPagePath(): string | null {
  const { router } = Taro.getCurrentInstance()
  if (!router?.path) return null
  const query = Object.entries(router.params)
    .filter(([key, value]) => !key.startsWith('$taro') && typeof value === 'string')
    .map(([key, value]) => `${key}=${encodeURIComponent(decoded(value as string))}`)
  return `/${bareRoute(router.path)}${query.length ? `?${query.join('&')}` : ''}`
}

/** Back to the page below; a page opened directly (a shared link, a reload on H5) has none, and
 *  goes to the parent it would be found under instead. */
export function goBackOr(parent: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else openPath(parent)
}

/** After a form is sent: back to `path` if it is the page below (it reloads when shown), else
 *  to `path` in place of the form. Either way the same list is never twice on the stack. */
export function returnTo(path: string): void {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && bareRoute(below.route) === bareRoute(path)) void Taro.navigateBack()
  else void Taro.redirectTo({ url: path })
}

/** To 我的 to sign in, and back to this page once signed in (the 我的 page takes the path). */
export function signInAndReturn(session: { askToSignIn(returnPath: string | null): void }): void {
  session.askToSignIn(currentPagePath())
  void Taro.switchTab({ url: routes.me })
}
