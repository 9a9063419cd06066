import { countyMoneyStrings } from '../../../../strings/county-money'

export default definePageConfig({
  navigationBarTitleText: countyMoneyStrings.pageTitles.payouts,
  enablePullDownRefresh: true,
})
