import { strings } from '../../strings'

export default definePageConfig({
  navigationBarTitleText: strings.pageTitles.cart,
  // A pull asks the server again: stock and prices change while the cart waits.
  enablePullDownRefresh: true,
})
