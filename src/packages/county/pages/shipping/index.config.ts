import { countyMoneyStrings } from '../../../../strings/county-money'

export default definePageConfig({
  navigationBarTitleText: countyMoneyStrings.pageTitles.shipping,
  enablePullDownRefresh: true,
})
