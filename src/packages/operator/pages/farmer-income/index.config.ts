import { incomeStrings } from '../../../../strings/income'

export default definePageConfig({
  navigationBarTitleText: incomeStrings.pageTitles.farmerIncome,
  enablePullDownRefresh: true,
})
