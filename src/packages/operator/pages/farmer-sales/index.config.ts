import { workStrings } from '../../../../strings/work'

export default definePageConfig({
  navigationBarTitleText: workStrings.pageTitles.farmerSales,
  enablePullDownRefresh: true,
})
