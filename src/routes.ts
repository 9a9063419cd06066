import Taro from '@tarojs/taro'

/* Where the farmer's and the operator's pages live: in subpackages (app.config.ts), so a buyer
   never downloads them. The Me page links here; the pages link to each other. */
export const routes = {
  sell: '/packages/farmer/pages/sell/index',
  myListings: '/packages/farmer/pages/listings/index',
  farmerHistory: '/packages/farmer/pages/history/index',
  review: '/packages/operator/pages/review/index',
  farmers: '/packages/operator/pages/farmers/index',
  listForFarmer: '/packages/operator/pages/list-for-farmer/index',
  operatorHistory: '/packages/operator/pages/history/index',
} as const

export const withId = (path: string, key: string, id: string) => `${path}?${key}=${encodeURIComponent(id)}`

const bareRoute = (route: string | undefined) => (route ?? '').replace(/^\//, '').split('?')[0]

/** After a form is sent: back to `path` if it is the page below (it reloads when shown), else
 *  to `path` in place of the form. Either way the same list is never twice on the stack. */
export function returnTo(path: string): void {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && bareRoute(below.route) === bareRoute(path)) void Taro.navigateBack()
  else void Taro.redirectTo({ url: path })
}
