import { afterSaleStrings } from '../../../../strings/after-sale'

export default definePageConfig({
  navigationBarTitleText: afterSaleStrings.pageTitle,
  enablePullDownRefresh: true,
})
