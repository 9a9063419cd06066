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
